package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyId;

/**
 * The body of {@code hub.profile}: how a hub presents itself. {@code hub} always equals the envelope's
 * origin. {@code description}, {@code email} and {@code encryptionKey} are {@code null} when absent.
 *
 * @param encryptionKey the X25519 key records are sealed to (SPEC §6.10); version 2 only
 */
public record HubProfile(
        HubId hub,
        String name,
        Map<String, String> names,
        String country,
        String url,
        String description,
        String email,
        EncryptionKeyId encryptionKey)
        implements Body {
    public HubProfile {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(url, "url");
        names = BodyJson.copyOf(names);
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code hub.profile}. */
    public static HubProfile fromBody(JsonNode body) {
        return new HubProfile(
                HubId.of(BodyJson.text(body, "hub")),
                BodyJson.text(body, "name"),
                BodyJson.textMap(body, "names"),
                BodyJson.text(body, "country"),
                BodyJson.text(body, "url"),
                BodyJson.text(body, "description"),
                BodyJson.text(body, "email"),
                body.hasNonNull("encryption_key")
                        ? EncryptionKeyId.parse(BodyJson.text(body, "encryption_key"), "$.encryption_key")
                        : null);
    }

    @Override
    public UpdateType type() {
        return UpdateType.HUB_PROFILE;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object();
        out.put("hub", hub.value());
        out.put("name", name);
        BodyJson.put(out, "names", names);
        out.put("country", country);
        out.put("url", url);
        BodyJson.put(out, "description", description);
        BodyJson.put(out, "email", email);
        if (encryptionKey != null) {
            out.put("encryption_key", encryptionKey.value());
        }
        return out;
    }
}
