package org.tsunagu.node.directory;

import java.util.ArrayList;
import java.util.List;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.GlobalId;

/**
 * Partnership listing filters, all optional: {@code status} (announced | confirmed | retracted),
 * {@code organizations} global ids {@code origin/id} of which at least one is a party (up to
 * {@link #MAX_ORGANIZATIONS}, so a page such as the crisis view asks for the partnerships of a hundred
 * organisations at once), {@code hub} a party's hub.
 */
public record PartnershipQuery(String status, List<String> organizations, String hub, int limit, String cursor) {
    /** Organisations per query: each is one bound parameter of the query. */
    public static final int MAX_ORGANIZATIONS = 100;

    public PartnershipQuery {
        status = blank(status);
        organizations = organizations == null
                ? List.of()
                : organizations.stream()
                        .map(PartnershipQuery::blank)
                        .filter(o -> o != null)
                        .distinct()
                        .toList();
        hub = blank(hub);
        cursor = blank(cursor);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && PartnershipStatus.fromWire(status) == null) {
            errors.add(new FieldError("$.status", "announced, confirmed or retracted"));
        }
        if (organizations.size() > MAX_ORGANIZATIONS) {
            errors.add(new FieldError("$.organization", "at most " + MAX_ORGANIZATIONS + " organisations per request"));
        }
        for (int i = 0; i < organizations.size(); i++) {
            if (GlobalId.tryParse(organizations.get(i)).isEmpty()) {
                String path = organizations.size() == 1 ? "$.organization" : "$.organization[" + i + "]";
                errors.add(new FieldError(path, "a global id origin/id, e.g. jp-janic/org-1"));
            }
        }
        if (hub != null && !HubId.isValid(hub)) {
            errors.add(new FieldError("$.hub", "a hub id, e.g. jp-janic"));
        }
        if (limit == 0) {
            limit = OrganizationQuery.DEFAULT_LIMIT;
        } else if (limit > OrganizationQuery.MAX_LIMIT) {
            limit = OrganizationQuery.MAX_LIMIT; // SPEC §10.1: the server caps limit, it never refuses a large one
        } else if (limit < 1) {
            errors.add(new FieldError("$.limit", "at least 1"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    public static PartnershipQuery all() {
        return new PartnershipQuery(null, List.of(), null, 0, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
