package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.UpdateType;

/**
 * The body of {@code partnership.endorse}: a party's hub co-signs the announcement whose envelope hash
 * is {@code announcement}, so an endorsement can never be moved to a different version of it.
 */
public record Endorsement(GlobalId partnership, String announcement) implements Body {
    public Endorsement {
        Objects.requireNonNull(partnership, "partnership");
        Objects.requireNonNull(announcement, "announcement");
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code partnership.endorse}. */
    public static Endorsement fromBody(JsonNode body) {
        return new Endorsement(
                GlobalId.parse(BodyJson.text(body, "partnership"), "$.body.partnership"),
                BodyJson.text(body, "announcement"));
    }

    @Override
    public UpdateType type() {
        return UpdateType.PARTNERSHIP_ENDORSE;
    }

    @Override
    public ObjectNode toBody() {
        return BodyJson.object().put("partnership", partnership.toString()).put("announcement", announcement);
    }
}
