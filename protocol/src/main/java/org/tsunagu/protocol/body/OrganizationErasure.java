package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.UpdateType;

/**
 * The body of {@code org.erase} (version 2): every node drops the bodies of the origin's earlier
 * envelopes about organisation {@code id}, and the organisation leaves the directory.
 */
public record OrganizationErasure(String id, String reason) implements Body {
    public OrganizationErasure {
        Objects.requireNonNull(id, "id");
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code org.erase}. */
    public static OrganizationErasure fromBody(JsonNode body) {
        return new OrganizationErasure(BodyJson.text(body, "id"), BodyJson.text(body, "reason"));
    }

    @Override
    public UpdateType type() {
        return UpdateType.ORG_ERASE;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object().put("id", id);
        BodyJson.put(out, "reason", reason);
        return out;
    }
}
