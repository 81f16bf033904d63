package org.tsunagu.protocol.sign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.sign.StructuredFields.ByteSequence;
import org.tsunagu.protocol.sign.StructuredFields.InnerList;
import org.tsunagu.protocol.sign.StructuredFields.Item;
import org.tsunagu.protocol.sign.StructuredFields.Member;
import org.tsunagu.protocol.sign.StructuredFields.Token;

/**
 * The RFC 8941 §4.2 parsing algorithm for a Dictionary, one instance per field value. Stricter than the
 * RFC in one way: a repeated dictionary or parameter key is refused instead of "last one wins" (see
 * {@link StructuredFields}). Every failure is a {@link MalformedMessageException} naming the field and
 * the character position.
 *
 * <p>Kept as our own code rather than a library (issue #15 asked): the one maintained Java parser,
 * {@code org.greenbytes.http:structured-fields} 0.5, follows the RFC's "last one wins" for repeated
 * keys, which would let a {@code Signature-Input} carry two {@code sig1} members that a checker and a
 * signer read differently; its errors do not name a position; and protocol/ depends only on Jackson
 * and BouncyCastle so that other implementations can reuse it without more. We parse only the
 * Dictionary subset RFC 9421 needs, and {@code StructuredFieldsTest} and the RFC 9421 vectors check it.
 */
final class StructuredFieldParser {
    private final String input;
    private final String field;
    private int pos;

    private StructuredFieldParser(String input, String field) {
        this.input = input;
        this.field = field;
    }

    /**
     * Parses a Dictionary field value (several field lines already joined with ", ").
     *
     * @param field the header name, used as the error path
     * @return members in their order of appearance
     */
    static Map<String, Member> parseDictionary(String value, String field) {
        if (value.length() > StructuredFields.MAX_FIELD_LENGTH) {
            throw new MalformedMessageException(
                    field, "field value longer than " + StructuredFields.MAX_FIELD_LENGTH + " characters");
        }
        StructuredFieldParser p = new StructuredFieldParser(value, field);
        p.skipSpaces();
        Map<String, Member> dictionary = p.dictionary();
        p.skipSpaces();
        if (!p.atEnd()) {
            throw p.error("unexpected character after the dictionary");
        }
        return dictionary;
    }

    private Map<String, Member> dictionary() {
        Map<String, Member> members = new LinkedHashMap<>();
        while (!atEnd()) {
            int keyAt = pos;
            String key = key();
            Member member;
            if (peek() == '=') {
                pos++;
                member = peek() == '(' ? innerList() : item();
            } else {
                member = new Item(Boolean.TRUE, parameters());
            }
            if (members.putIfAbsent(key, member) != null) {
                throw error(keyAt, "dictionary key '" + key + "' appears more than once");
            }
            skipOptionalWhitespace();
            if (atEnd()) {
                return Collections.unmodifiableMap(members);
            }
            if (input.charAt(pos) != ',') {
                throw error("expected ',' between dictionary members");
            }
            pos++;
            skipOptionalWhitespace();
            if (atEnd()) {
                throw error("trailing ',' in dictionary");
            }
        }
        return Collections.unmodifiableMap(members);
    }

    private InnerList innerList() {
        pos++; // '('
        List<Item> items = new ArrayList<>();
        while (!atEnd()) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new InnerList(List.copyOf(items), parameters());
            }
            items.add(item());
            char next = peek();
            if (next != ' ' && next != ')') {
                throw error("expected ' ' or ')' in inner list");
            }
        }
        throw error("inner list is not closed");
    }

    private Item item() {
        Object value = bareItem();
        return new Item(value, parameters());
    }

    private Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            skipSpaces();
            int keyAt = pos;
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            if (params.putIfAbsent(key, value) != null) {
                throw error(keyAt, "parameter '" + key + "' appears more than once");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private String key() {
        int start = pos;
        char first = peek();
        if (!(StructuredFields.isLcAlpha(first) || first == '*')) {
            throw error("expected a key (lower-case letter or '*')");
        }
        pos++;
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (!(StructuredFields.isLcAlpha(c)
                    || StructuredFields.isDigit(c)
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == '*')) {
                break;
            }
            pos++;
        }
        return input.substring(start, pos);
    }

    private Object bareItem() {
        char c = peek();
        if (c == '-' || StructuredFields.isDigit(c)) {
            return number();
        } else if (c == '"') {
            return string();
        } else if (c == ':') {
            return byteSequence();
        } else if (c == '?') {
            return bool();
        } else if (StructuredFields.isAlpha(c) || c == '*') {
            return token();
        }
        throw error(atEnd() ? "value missing at end of field" : "unexpected character '" + c + "'");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        if (!StructuredFields.isDigit(peek())) {
            throw error("expected a digit");
        }
        while (StructuredFields.isDigit(peek())) {
            pos++;
        }
        int intDigits = pos - digitsStart;
        if (peek() != '.') {
            if (intDigits > 15) {
                throw error(start, "integer has more than 15 digits");
            }
            return Long.parseLong(input.substring(start, pos));
        }
        if (intDigits > 12) {
            throw error(start, "decimal has more than 12 integer digits");
        }
        pos++;
        int fracStart = pos;
        while (StructuredFields.isDigit(peek())) {
            pos++;
        }
        int fracDigits = pos - fracStart;
        if (fracDigits < 1 || fracDigits > 3) {
            throw error(start, "decimal needs 1 to 3 fractional digits");
        }
        return new BigDecimal(input.substring(start, pos));
    }

    private String string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                char escaped = peek();
                if (escaped != '"' && escaped != '\\') {
                    throw error("only \\\" and \\\\ may be escaped in a string");
                }
                out.append(escaped);
                pos++;
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw error(pos - 1, "string holds a character outside printable ASCII");
            } else {
                out.append(c);
            }
        }
        throw error(start, "string is not closed");
    }

    private Token token() {
        int start = pos;
        pos++;
        while (!atEnd()
                && (StructuredFields.isTchar(input.charAt(pos))
                        || input.charAt(pos) == ':'
                        || input.charAt(pos) == '/')) {
            pos++;
        }
        return new Token(input.substring(start, pos));
    }

    private ByteSequence byteSequence() {
        int start = pos;
        pos++; // opening colon
        int end = input.indexOf(':', pos);
        if (end < 0) {
            throw error(start, "byte sequence is not closed with ':'");
        }
        String base64 = input.substring(pos, end);
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!(StructuredFields.isAlpha(c) || StructuredFields.isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw error(pos + i, "byte sequence holds a character outside base64");
            }
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw error(start, "byte sequence is not valid base64");
        }
        pos = end + 1;
        return new ByteSequence(base64);
    }

    private Boolean bool() {
        pos++; // '?'
        char c = peek();
        if (c != '0' && c != '1') {
            throw error("boolean must be ?0 or ?1");
        }
        pos++;
        return c == '1';
    }

    private char peek() {
        return atEnd() ? '\0' : input.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private void skipSpaces() {
        while (!atEnd() && input.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void skipOptionalWhitespace() {
        while (!atEnd() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private MalformedMessageException error(String message) {
        return error(pos, message);
    }

    private MalformedMessageException error(int at, String message) {
        return new MalformedMessageException(field, message + " (at character " + at + ")");
    }
}
