package org.tsunagu.node.importer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The outcome of an import.
 *
 * @param partial true when valid records were kept although others failed ({@code ?partial=true})
 * @param unchanged records identical to what is already published: no new update is signed for them
 * @param errors the records left out, by line (empty unless {@code partial})
 */
@JsonPropertyOrder({"partial", "records", "created", "updated", "unchanged", "failed", "errors"})
public record ImportReport(
        @JsonProperty("partial") boolean partial,
        @JsonProperty("records") int records,
        @JsonProperty("created") int created,
        @JsonProperty("updated") int updated,
        @JsonProperty("unchanged") int unchanged,
        @JsonProperty("failed") int failed,
        @JsonProperty("errors") List<RowError> errors) {
    public ImportReport {
        errors = List.copyOf(errors);
    }
}
