package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tsunagu.protocol.UpdateType;

/**
 * The typed value of a validated envelope body; {@link Bodies#read} returns one. Each implementation
 * has a {@code fromBody(JsonNode)} factory that trusts an already validated body.
 */
public sealed interface Body
        permits HubProfile,
                Organization,
                OrganizationRemoval,
                OrganizationErasure,
                Partnership,
                Endorsement,
                Retraction,
                KeyRotation {
    /** The update type whose body this is. */
    UpdateType type();

    /**
     * The body as JSON, members with no value left out. Texts are written as held, so a body built
     * from unnormalised input still needs {@link Bodies#normalize} and {@link Bodies#validate}.
     */
    ObjectNode toBody();
}
