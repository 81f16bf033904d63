package org.tsunagu.node.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tsunagu.node.db.StorageException;

/** Reads the body out of a stored envelope (canonical JSON checked when it was appended). */
final class LogText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogText() {}

    static JsonNode body(String envelope) {
        return json(envelope).get("body");
    }

    /** Stored JSON text (an envelope, an opened record) as a tree. */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StorageException("stored JSON text is not JSON", e);
        }
    }
}
