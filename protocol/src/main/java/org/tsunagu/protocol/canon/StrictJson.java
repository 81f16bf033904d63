package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * Parses untrusted JSON for the protocol: UTF-8 only (invalid sequences rejected), duplicate keys
 * rejected, nesting and size bounded, no trailing content, no NaN or Infinity. What this accepts can
 * always be put in canonical form.
 */
public final class StrictJson {
    /** Nesting depth of objects and arrays, the envelope itself included. */
    public static final int MAX_DEPTH = 32;
    /** The largest message this parser reads. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(64)
                            .maxStringLength(MAX_MESSAGE_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StrictJson() {}

    /** The mapper configured as above, for code that writes JSON the same way it is read. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @throws MalformedMessageException naming the problem: not UTF-8, not JSON, too deep, too big
     */
    public static JsonNode parse(byte[] utf8) {
        return parse(utf8, 0, utf8.length);
    }

    public static JsonNode parse(byte[] utf8, int offset, int length) {
        if (length > MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException("$", "message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        if (length == 0) {
            throw new MalformedMessageException("$", "empty message");
        }
        requireUtf8Start(utf8, offset, length);
        try (JsonParser parser = MAPPER.createParser(utf8, offset, length)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException("$", "empty message");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new MalformedMessageException("$", "limit exceeded: " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonParseException e) {
            throw new MalformedMessageException("$", "malformed JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new MalformedMessageException("$", "malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Jackson guesses the encoding of a byte array from its first four bytes and would read UTF-16 or
     * UTF-32, and skip a byte order mark. Neither is UTF-8 JSON text: a NUL byte never appears raw in
     * one, and a byte order mark is not allowed (RFC 8259 §8.1).
     */
    private static void requireUtf8Start(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + Math.min(length, 4); i++) {
            if (bytes[i] == 0) {
                throw new MalformedMessageException("$", "not UTF-8 (a NUL byte: UTF-16 or UTF-32?)");
            }
        }
        int first = bytes[offset] & 0xFF;
        if (first == 0xEF || first == 0xFE || first == 0xFF) {
            throw new MalformedMessageException("$", "a byte order mark or a byte that starts no JSON text");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
