package org.tsunagu.node.directory;

import java.util.ArrayList;
import java.util.List;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.GlobalId;

/**
 * Partnership listing filters, all optional: {@code status} (announced | confirmed | retracted),
 * {@code organization} a party's global id {@code origin/id}, {@code hub} a party's hub.
 */
public record PartnershipQuery(String status, String organization, String hub, int limit, String cursor) {
    public PartnershipQuery {
        status = blank(status);
        organization = blank(organization);
        hub = blank(hub);
        cursor = blank(cursor);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && PartnershipStatus.fromWire(status) == null) {
            errors.add(new FieldError("$.status", "announced, confirmed or retracted"));
        }
        if (organization != null && GlobalId.tryParse(organization).isEmpty()) {
            errors.add(new FieldError("$.organization", "a global id origin/id, e.g. jp-janic/org-1"));
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
        return new PartnershipQuery(null, null, null, 0, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
