package org.tsunagu.protocol.sign;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * The part of RFC 8941 (Structured Field Values) that HTTP signatures need: parsing a Dictionary whose
 * members are Items or Inner Lists with Parameters, and serialising Inner Lists, Strings, Integers and
 * Byte Sequences. Bare items are Java values: {@link Long} (Integer), {@link BigDecimal} (Decimal),
 * {@link String} (String), {@link Token}, {@link Boolean}, {@link ByteSequence}.
 *
 * <p>Two deliberate departures, both stricter than RFC 8941's "last one wins": a dictionary key or a
 * parameter key that appears twice is refused, because a second {@code sig1} or {@code created} is
 * exactly what a confused or hostile sender would add. Every failure is a {@link
 * MalformedMessageException} naming the field and the character position; nothing else escapes.
 */
final class StructuredFields {
    /** Far above anything our signer writes; bounds the work a hostile header can cause. */
    static final int MAX_FIELD_LENGTH = 16 * 1024;

    private static final long MAX_INTEGER = 999_999_999_999_999L;

    /**
     * Parses a Dictionary field value (several field lines already joined with ", ").
     *
     * @param field the header name, used as the error path
     * @return members in their order of appearance
     * @throws MalformedMessageException if the value is not a well-formed dictionary
     */
    static Map<String, Member> parseDictionary(String value, String field) {
        return StructuredFieldParser.parseDictionary(value, field);
    }

    private StructuredFields() {}

    sealed interface Member permits Item, InnerList {}

    record Item(Object value, Map<String, Object> params) implements Member {}

    record InnerList(List<Item> items, Map<String, Object> params) implements Member {}

    record Token(String value) {}

    /** A Byte Sequence, kept in its base64 text form so the record holds no array. */
    record ByteSequence(String base64) {
        static ByteSequence of(byte[] bytes) {
            return new ByteSequence(Base64.getEncoder().encodeToString(bytes));
        }

        byte[] decode() {
            return Base64.getDecoder().decode(base64);
        }
    }

    /** {@code ("a" "b");p1=1;p2="x"}: an Inner List of Strings with Parameters. */
    static String serializeInnerList(List<String> strings, Map<String, Object> params) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < strings.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(serializeString(strings.get(i)));
        }
        out.append(')');
        for (Map.Entry<String, Object> p : params.entrySet()) {
            out.append(';').append(p.getKey());
            if (!Boolean.TRUE.equals(p.getValue())) {
                out.append('=').append(serializeBareItem(p.getValue()));
            }
        }
        return out.toString();
    }

    static String serializeBareItem(Object value) {
        if (value instanceof Long l) {
            if (Math.abs(l) > MAX_INTEGER) {
                throw new IllegalArgumentException("integer out of range: " + l);
            }
            return Long.toString(l);
        } else if (value instanceof String s) {
            return serializeString(s);
        } else if (value instanceof Token t) {
            return t.value();
        } else if (value instanceof Boolean b) {
            return b ? "?1" : "?0";
        } else if (value instanceof ByteSequence b) {
            return ":" + b.base64() + ":";
        }
        throw new IllegalArgumentException("cannot serialise " + value);
    }

    static String serializeString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("string holds a character outside printable ASCII");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Whether {@code s} can be an sf-string (printable ASCII only). */
    static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static boolean isKey(String s) {
        if (s.isEmpty() || !(isLcAlpha(s.charAt(0)) || s.charAt(0) == '*')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    static boolean isTchar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
