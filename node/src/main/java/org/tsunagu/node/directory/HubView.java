package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A hub this node holds: its latest signed profile (null until one arrives), current key, log head,
 * and whether it is halted for equivocating.
 */
public record HubView(
        @JsonProperty("hub") String hub,
        @JsonProperty("name") String name,
        @JsonProperty("country") String country,
        @JsonProperty("url") String url,
        @JsonProperty("key") String key,
        @JsonProperty("head_seq") long headSeq,
        @JsonProperty("halted") boolean halted,
        @JsonProperty("profile") JsonNode profile,
        @JsonProperty("provenance") Provenance provenance) {
    public HubView {
        Objects.requireNonNull(hub, "hub");
    }
}
