package org.tsunagu.protocol.body;

import java.util.Objects;
import org.tsunagu.protocol.HubId;

/**
 * One party to a partnership: an organisation by global id, and optionally its IATI OrganisationRole
 * code ({@code "1"} Funding, {@code "2"} Accountable, {@code "3"} Extending, {@code "4"}
 * Implementing). On the wire a party also names its {@code hub}, which is always the organisation's
 * origin; {@link #hub()} derives it.
 */
public record Party(GlobalId organization, String role) {
    public Party {
        Objects.requireNonNull(organization, "organization");
    }

    /** The hub that publishes the organisation and endorses the partnership for it. */
    public HubId hub() {
        return organization.origin();
    }
}
