package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A partnership: the announce body as signed, its derived status, and which party hubs have endorsed
 * the current announcement (the announcer counts as endorsing its own). A sealed one (SPEC §6.5,
 * §6.10) carries {@code sealed}: on a recipient the record is the whole opened announcement; elsewhere
 * it is {@code {id, kind}} alone, {@code sealed.notice} says why, and only the announcer is known to
 * have endorsed it.
 */
public record PartnershipView(
        @JsonProperty("origin") String origin,
        @JsonProperty("id") String id,
        @JsonProperty("global_id") String globalId,
        @JsonProperty("status") PartnershipStatus status,
        @JsonProperty("announcement") String announcement,
        @JsonProperty("endorsed_by") List<String> endorsedBy,
        @JsonProperty("record") JsonNode record,
        @JsonProperty("provenance") Provenance provenance,

        @JsonProperty("sealed") @JsonInclude(JsonInclude.Include.NON_NULL)
        OrganizationView.Sealed sealed) {
    public PartnershipView {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(provenance, "provenance");
        endorsedBy = List.copyOf(endorsedBy);
    }
}
