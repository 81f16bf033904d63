package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;

/**
 * The body of {@code key.rotate}, signed with the origin's current key: from the next sequence number
 * on, the origin signs with {@code newKey}. {@code reason} is {@code null} when absent.
 */
public record KeyRotation(KeyId newKey, String reason) implements Body {
    public KeyRotation {
        Objects.requireNonNull(newKey, "newKey");
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code key.rotate}. */
    public static KeyRotation fromBody(JsonNode body) {
        return new KeyRotation(
                KeyId.parse(BodyJson.text(body, "new_key"), "$.body.new_key"), BodyJson.text(body, "reason"));
    }

    @Override
    public UpdateType type() {
        return UpdateType.KEY_ROTATE;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object().put("new_key", newKey.value());
        BodyJson.put(out, "reason", reason);
        return out;
    }
}
