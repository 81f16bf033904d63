package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** An organisation as held: its signed {@code org.upsert} body and where that came from. */
public record OrganizationView(
        @JsonProperty("origin") String origin,
        @JsonProperty("id") String id,
        @JsonProperty("global_id") String globalId,
        @JsonProperty("record") JsonNode record,
        @JsonProperty("provenance") Provenance provenance) {
    public OrganizationView {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(globalId, "globalId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(provenance, "provenance");
    }
}
