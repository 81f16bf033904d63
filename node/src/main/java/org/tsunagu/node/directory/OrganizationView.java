package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation as held: its signed {@code org.upsert} body (as this node may read it) and where
 * that came from. A sealed record (SPEC §6.10) carries {@code sealed}: on a recipient the record is
 * whole; elsewhere it holds the clear members only and {@code sealed.notice} says why.
 */
public record OrganizationView(
        @JsonProperty("origin") String origin,
        @JsonProperty("id") String id,
        @JsonProperty("global_id") String globalId,
        @JsonProperty("record") JsonNode record,
        @JsonProperty("provenance") Provenance provenance,

        @JsonProperty("sealed") @JsonInclude(JsonInclude.Include.NON_NULL)
        Sealed sealed) {
    public OrganizationView {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(globalId, "globalId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A public record. */
    public OrganizationView(String origin, String id, String globalId, JsonNode record, Provenance provenance) {
        this(origin, id, globalId, record, provenance, null);
    }

    /**
     * How a sealed record reads here: {@code audience} {@code listed} or {@code unlisted}, whether this
     * node opened it, and the notice shown where it did not.
     */
    public record Sealed(
            @JsonProperty("audience") String audience,
            @JsonProperty("opened") boolean opened,

            @JsonProperty("notice") @JsonInclude(JsonInclude.Include.NON_NULL)
            String notice) {}

    /** From the log body and, for a sealed record this node opened, the whole record. */
    static OrganizationView of(String origin, String id, JsonNode body, JsonNode opened, Provenance p) {
        if (!SealedRecords.isSealed(body)) {
            return new OrganizationView(origin, id, origin + "/" + id, body, p, null);
        }
        String audience = SealedRecords.isListed(body) ? "listed" : "unlisted";
        return opened != null
                ? new OrganizationView(origin, id, origin + "/" + id, opened, p, new Sealed(audience, true, null))
                : new OrganizationView(
                        origin,
                        id,
                        origin + "/" + id,
                        SealedRecords.clear(body),
                        p,
                        new Sealed(audience, false, SealedRecords.NOTICE));
    }

    /**
     * What this node may re-publish (its public exports): a sealed record by its clear members only,
     * even where it opened it (SPEC §6.10: a recipient never re-publishes the opened members in clear),
     * and an unlisted one not at all.
     */
    public Optional<OrganizationView> published() {
        if (sealed == null || !sealed.opened()) {
            return Optional.of(this);
        }
        if (!"listed".equals(sealed.audience())) {
            return Optional.empty();
        }
        ObjectNode clear = record.deepCopy();
        clear.retain(List.of("id", "name", "country"));
        return Optional.of(new OrganizationView(
                origin, id, globalId, clear, provenance, new Sealed(sealed.audience(), false, SealedRecords.NOTICE)));
    }
}
