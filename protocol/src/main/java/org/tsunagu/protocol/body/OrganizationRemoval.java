package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.UpdateType;

/** The body of {@code org.remove}: a tombstone for the origin's organisation {@code id}. */
public record OrganizationRemoval(String id, String reason) implements Body {
    public OrganizationRemoval {
        Objects.requireNonNull(id, "id");
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code org.remove}. */
    public static OrganizationRemoval fromBody(JsonNode body) {
        return new OrganizationRemoval(BodyJson.text(body, "id"), BodyJson.text(body, "reason"));
    }

    @Override
    public UpdateType type() {
        return UpdateType.ORG_REMOVE;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object().put("id", id);
        BodyJson.put(out, "reason", reason);
        return out;
    }
}
