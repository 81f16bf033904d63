package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.tsunagu.protocol.Envelope;

/**
 * What an admin write answers: the record it concerns and the signed update that carries the change.
 *
 * @param globalId {@code origin/id} of the organisation or partnership
 * @param origin this hub, whose log the update was appended to
 */
@JsonPropertyOrder({"global_id", "type", "origin", "seq", "hash", "ts"})
public record WriteResult(
        @JsonProperty("global_id") String globalId, String type, String origin, long seq, String hash, String ts) {
    /** An update about a record of this hub itself. */
    public static WriteResult of(String localId, Envelope envelope) {
        return about(envelope.origin().value() + "/" + localId, envelope);
    }

    /** An update about any record (an endorsement of another hub's partnership). */
    public static WriteResult about(String globalId, Envelope envelope) {
        return new WriteResult(
                globalId,
                envelope.type().wire(),
                envelope.origin().value(),
                envelope.seq(),
                envelope.hash(),
                envelope.ts());
    }
}
