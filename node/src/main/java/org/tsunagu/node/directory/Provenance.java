package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Where an item comes from: the log entry (origin, seq) whose signed body it is, the signed time, the
 * key that signed it and the envelope hash. {@code verified} is true because nothing enters the log
 * without its signature and chain being checked.
 */
public record Provenance(
        @JsonProperty("origin") String origin,
        @JsonProperty("seq") long seq,
        @JsonProperty("ts") String ts,
        @JsonProperty("key") String key,
        @JsonProperty("hash") String hash,
        @JsonProperty("verified") boolean verified) {
    public Provenance {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
    }
}
