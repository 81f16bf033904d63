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

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
