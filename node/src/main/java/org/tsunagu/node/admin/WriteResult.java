package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.tsunagu.protocol.Envelope;

/**
 * What an admin write answers: the record's global id and the signed update that carries it.
 *
 * @param globalId {@code origin/id}
 */
@JsonPropertyOrder({"global_id", "origin", "id", "type", "seq", "hash", "ts"})
public record WriteResult(
        @JsonProperty("global_id") String globalId,
        String origin,
        String id,
        String type,
        long seq,
        String hash,
        String ts) {
    public static WriteResult of(String id, Envelope envelope) {
        return new WriteResult(
                envelope.origin().value() + "/" + id,
                envelope.origin().value(),
                id,
                envelope.type().wire(),
                envelope.seq(),
                envelope.hash(),
                envelope.ts());
    }
}
