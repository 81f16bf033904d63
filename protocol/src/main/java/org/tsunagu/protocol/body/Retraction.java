package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.UpdateType;

/** The body of {@code partnership.retract}; {@code reason} is {@code null} when absent. */
public record Retraction(GlobalId partnership, String reason) implements Body {
    public Retraction {
        Objects.requireNonNull(partnership, "partnership");
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code partnership.retract}. */
    public static Retraction fromBody(JsonNode body) {
        return new Retraction(
                GlobalId.parse(BodyJson.text(body, "partnership"), "$.body.partnership"),
                BodyJson.text(body, "reason"));
    }

    @Override
    public UpdateType type() {
        return UpdateType.PARTNERSHIP_RETRACT;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object().put("partnership", partnership.toString());
        BodyJson.put(out, "reason", reason);
        return out;
    }
}
