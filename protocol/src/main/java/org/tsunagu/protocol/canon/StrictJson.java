package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Objects;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * Parses untrusted JSON for the protocol. What this accepts can always be put in canonical form
 * ({@link CanonicalJson}), and reads the same in every I-JSON (RFC 7493) reader. Refused, with a
 * {@link MalformedMessageException} that names the problem and the JSON path where it was found:
 *
 * <ul>
 *   <li>bytes that are not UTF-8 (overlong forms, truncated sequences, encoded surrogates, 0xFF…);
 *       a leading UTF-8 byte order mark too: RFC 8259 §8.1 forbids sending one, and a signed
 *       message has exactly one byte form;
 *   <li>anything that is not strict JSON (comments, NaN, Infinity, single quotes, trailing commas,
 *       leading zeros), content after the value, an empty message;
 *   <li>duplicate member names, and strings that are not Unicode text (lone surrogates, written as
 *       {@code \ud800} escapes) or contain noncharacters;
 *   <li>numbers an IEEE 754 double cannot hold: integer literals beyond ±(2^53−1) (also exact ones
 *       such as 1000000000000000000000000, which must be written 1e24 or 1e+24), magnitudes that overflow
 *       (1e400) or underflow to zero (1e-400), integral values from 2^53 to 10^21 written with a
 *       fraction or exponent (their canonical form would be such an integer), and literals longer
 *       than 64 characters. Other numbers are read as the nearest double, as RFC 8785 does;
 *   <li>nesting deeper than {@link #MAX_DEPTH} and messages over {@link #MAX_MESSAGE_BYTES}.
 * </ul>
 *
 * <p>Numbers come out of the tree as the value they denote: an integral value as an int or long
 * node, any other as a double node, so {@code 56}, {@code 56.0} and {@code 5.6e1} give equal trees,
 * as they give equal canonical text.
 */
public final class StrictJson {
    /** Nesting depth of objects and arrays, the envelope itself included. */
    public static final int MAX_DEPTH = 32;
    /** The largest message this parser reads. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Longer number literals carry more precision than a double holds (I-JSON asks not to send them). */
    static final int MAX_NUMBER_CHARS = 64;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxStringLength(MAX_MESSAGE_BYTES)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(CONSTRAINTS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    // Duplicates are found while building the tree instead, where the member's path is known.
    private static final JsonFactory PARSERS =
            JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictJson() {}

    /**
     * Jackson guesses the encoding of a byte array from its first four bytes and would read UTF-16 or
     * UTF-32. Neither is UTF-8 JSON text: a JSON text starts with an ASCII character, which in UTF-16
     * and UTF-32 puts a NUL byte among the first two, and no JSON text starts with 0xFE or 0xFF (the
     * UTF-16 byte order marks).
     */
    private static void requireUtf8Start(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + Math.min(length, 2); i++) {
            if (bytes[i] == 0) {
                throw new MalformedMessageException("$", "not UTF-8 (a NUL byte: UTF-16 or UTF-32?)");
            }
        }
        if (length > 0 && (bytes[offset] == (byte) 0xFE || bytes[offset] == (byte) 0xFF)) {
            throw new MalformedMessageException("$", "not UTF-8 (a UTF-16 byte order mark?)");
        }
    }

    /** The mapper configured as above, for code that writes JSON the same way it is read. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @throws MalformedMessageException naming the problem and where it is (see the class comment)
     */
    public static JsonNode parse(byte[] utf8) {
        return parse(utf8, 0, utf8.length);
    }

    /** As {@link #parse(byte[])}, for {@code length} bytes from {@code offset}. */
    public static JsonNode parse(byte[] utf8, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        if (length > MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException("$", "message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        if (length >= 3
                && utf8[offset] == (byte) 0xEF
                && utf8[offset + 1] == (byte) 0xBB
                && utf8[offset + 2] == (byte) 0xBF) {
            throw new MalformedMessageException("$", "a UTF-8 byte order mark is not allowed before the message");
        }
        requireUtf8Start(utf8, offset, length);
        JsonParser parser;
        try {
            parser = PARSERS.createParser(utf8, offset, length);
        } catch (IOException e) {
            throw new MalformedMessageException("$", "unreadable message", e);
        }
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedMessageException("$", "empty message");
            }
            JsonNode root = new TreeReader(parser).read(first);
            if (parser.nextToken() != null) {
                throw new MalformedMessageException("$", "content after the JSON value");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new MalformedMessageException(
                    JsonPaths.of(parser.getParsingContext()), limitExceeded(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(
                    JsonPaths.of(parser.getParsingContext()),
                    "malformed JSON: " + jacksonProblem(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new MalformedMessageException("$", "malformed JSON: " + jacksonProblem(e.getMessage()), e);
        }
    }

    /** Builds the tree from the tokens, checking each value as it comes while its path is at hand. */
    private record TreeReader(JsonParser parser) {
        JsonNode read(JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT:
                    return readObject();
                case START_ARRAY:
                    ArrayNode array = NODES.arrayNode();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        array.add(read(t));
                    }
                    return array;
                case VALUE_STRING:
                    return TextNode.valueOf(checked(parser.getText()));
                case VALUE_NUMBER_INT:
                    return readInteger();
                case VALUE_NUMBER_FLOAT:
                    return readFloat();
                case VALUE_TRUE:
                    return BooleanNode.TRUE;
                case VALUE_FALSE:
                    return BooleanNode.FALSE;
                case VALUE_NULL:
                    return NullNode.instance;
                default:
                    throw refuse("unexpected " + token);
            }
        }

        private ObjectNode readObject() throws IOException {
            ObjectNode object = NODES.objectNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = checked(parser.currentName());
                JsonNode value = read(parser.nextToken());
                if (object.replace(name, value) != null) {
                    throw refuse("duplicate member name");
                }
            }
            return object;
        }

        private JsonNode readInteger() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> {
                    String problem = IJson.integerProblem(parser.getLongValue());
                    if (problem != null) {
                        throw refuse(problem);
                    }
                    yield LongNode.valueOf(parser.getLongValue());
                }
                default -> throw refuse("integer " + parser.getText() + " is outside the I-JSON range ±(2^53−1)");
            };
        }

        private JsonNode readFloat() throws IOException {
            // Jackson reads with Double.parseDouble: correctly rounded, as ECMAScript reads numbers.
            double d = parser.getDoubleValue();
            if (Double.isInfinite(d)) {
                throw refuse("number " + parser.getText() + " is outside the IEEE 754 double range");
            }
            if (d == 0 && !isZeroLiteral(parser.getText())) {
                throw refuse(
                        "number " + parser.getText() + " is too small for an IEEE 754 double (it would read as 0)");
            }
            String problem = IJson.doubleProblem(d);
            if (problem != null) {
                throw refuse(problem);
            }
            return IJson.numberNode(d);
        }

        private String checked(String text) {
            String problem = IJson.stringProblem(text);
            if (problem != null) {
                throw refuse(problem);
            }
            return text;
        }

        private MalformedMessageException refuse(String problem) {
            return new MalformedMessageException(JsonPaths.of(parser.getParsingContext()), problem);
        }
    }

    /** True when the mantissa of a JSON number literal has no nonzero digit. */
    private static boolean isZeroLiteral(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /** Our own words for Jackson's limits, which name Jackson's settings rather than the protocol's. */
    private static String limitExceeded(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage;
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("Number value length")) {
            return "number literal longer than " + MAX_NUMBER_CHARS + " characters";
        }
        return "limit exceeded: " + jacksonProblem(m);
    }

    /** The first line of Jackson's message, without its advice on features and source locations. */
    private static String jacksonProblem(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        for (String aside : new String[] {": enable `", " (start marker at "}) {
            int at = line.indexOf(aside);
            if (at > 0) {
                line = line.substring(0, at);
            }
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
