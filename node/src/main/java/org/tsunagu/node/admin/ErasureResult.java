package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.tsunagu.node.log.Publisher;

/**
 * What {@code POST /admin/v1/organizations/{id}/erase} answers: the signed {@code org.erase} and what it
 * did on this node.
 *
 * @param redacted earlier envelopes of the record whose bodies were dropped from this node's log
 * @param keptVersion1 version 1 envelopes of the record that keep their bodies: their signature covers
 *     them, so no node can redact them (SPEC §6.9)
 * @param walCheckpointed whether the write-ahead log was truncated (false: a long read held an old
 *     snapshot; the next erasure or SQLite's automatic checkpoint will copy it, see OPERATIONS)
 */
@JsonPropertyOrder({"global_id", "type", "origin", "seq", "hash", "ts", "redacted", "kept_version1", "wal_checkpointed"
})
public record ErasureResult(
        @JsonProperty("global_id") String globalId,
        String type,
        String origin,
        long seq,
        String hash,
        String ts,
        int redacted,
        @JsonProperty("kept_version1") int keptVersion1,
        @JsonProperty("wal_checkpointed") boolean walCheckpointed) {
    static ErasureResult of(String id, Publisher.Erased erased, boolean walCheckpointed) {
        WriteResult w = WriteResult.of(id, erased.envelope());
        return new ErasureResult(
                w.globalId(),
                w.type(),
                w.origin(),
                w.seq(),
                w.hash(),
                w.ts(),
                erased.redacted(),
                erased.keptVersion1(),
                walCheckpointed);
    }
}
