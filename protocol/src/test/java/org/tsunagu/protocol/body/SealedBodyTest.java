package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;

class SealedBodyTest {
    private static final HubId MM = HubId.of("mm-hub");
    private static final HubId JP = HubId.of("jp-janic");
    private static final Clock CLOCK = Clock.systemUTC();
    private static final EncryptionKeyPair JP_KEY = EncryptionKeyPair.generate(new SecureRandom());

    private static ObjectNode part() {
        return JsonNodeFactory.instance
                .objectNode()
                .put("description", "Staff work underground.")
                .put("email", "contact@delta-women.example");
    }

    private static ObjectNode sealed(ObjectNode part) {
        return Sealing.seal(
                part,
                new SealIdentity(MM, 3, UpdateType.ORG_UPSERT, "delta-women"),
                Map.of(JP, JP_KEY.keyId()),
                new SecureRandom());
    }

    private static ObjectNode listed() {
        ObjectNode b = JsonNodeFactory.instance.objectNode().put("id", "delta-women");
        b.put("name", "Delta Women's Network").put("country", "MM");
        b.set("sealed", sealed(part()));
        return b;
    }

    private static String firstError(int version, UpdateType type, ObjectNode body) {
        ValidationException ex =
                assertThrows(ValidationException.class, () -> Bodies.validate(version, MM, type, body, CLOCK));
        return ex.errors().get(0).path();
    }

    @Test
    void validate_v2ListedAndUnlisted_areValid() {
        Bodies.validate(2, MM, UpdateType.ORG_UPSERT, listed(), CLOCK);
        ObjectNode unlisted = JsonNodeFactory.instance.objectNode().put("id", "delta-women");
        unlisted.set("sealed", sealed(part()));
        Bodies.validate(2, MM, UpdateType.ORG_UPSERT, unlisted, CLOCK);
    }

    @Test
    void validate_v1Sealed_isUnknownMember() {
        assertEquals("$.body.sealed", firstError(1, UpdateType.ORG_UPSERT, listed()));
    }

    @Test
    void validate_sealedWithOtherClearMember_isRefused() {
        ObjectNode b = listed().put("description", "in clear");
        assertEquals("$.body.description", firstError(2, UpdateType.ORG_UPSERT, b));
    }

    @Test
    void validate_nameWithoutCountry_isRefused() {
        ObjectNode b = listed();
        b.remove("country");
        assertEquals("$.body.country", firstError(2, UpdateType.ORG_UPSERT, b));
    }

    @Test
    void validate_badSealedForms_namePaths() {
        ObjectNode b = listed();
        ((ObjectNode) b.get("sealed")).put("nonce", Base64Url.encode(new byte[8]));
        assertEquals("$.body.sealed.nonce", firstError(2, UpdateType.ORG_UPSERT, b));
        ObjectNode c = listed();
        ((ObjectNode) c.get("sealed").get("to").get(0)).put("hub", "Not A Hub");
        assertEquals("$.body.sealed.to[0].hub", firstError(2, UpdateType.ORG_UPSERT, c));
        ObjectNode d = listed();
        ((ObjectNode) d.get("sealed")).putArray("to");
        assertEquals("$.body.sealed.to", firstError(2, UpdateType.ORG_UPSERT, d));
    }

    @Test
    void merge_openedPart_givesValidWholeRecord() {
        ObjectNode merged = Bodies.merge(MM, listed(), part(), CLOCK);
        assertEquals("Staff work underground.", merged.get("description").asText());
        assertEquals("Delta Women's Network", merged.get("name").asText());
        assertEquals(false, merged.has("sealed"));
    }

    @Test
    void merge_memberBothClearAndSealed_isRefused() {
        ObjectNode part = part().put("name", "Other name");
        ValidationException ex = assertThrows(ValidationException.class, () -> Bodies.merge(MM, listed(), part, CLOCK));
        assertEquals("$.body.sealed.name", ex.errors().get(0).path());
    }

    @Test
    void merge_invalidSealedMember_isNamedUnderSealed() {
        ObjectNode part = part().put("email", "not an email");
        ValidationException ex = assertThrows(ValidationException.class, () -> Bodies.merge(MM, listed(), part, CLOCK));
        assertEquals("$.body.sealed.email", ex.errors().get(0).path());
    }

    @Test
    void hubProfile_encryptionKey_onlyInVersion2() {
        ObjectNode profile = JsonNodeFactory.instance
                .objectNode()
                .put("hub", "mm-hub")
                .put("name", "Myanmar hub")
                .put("country", "MM")
                .put("url", "https://mm-hub.example/")
                .put("encryption_key", JP_KEY.keyId().value());
        Bodies.validate(2, MM, UpdateType.HUB_PROFILE, profile, CLOCK);
        assertEquals("$.body.encryption_key", firstError(1, UpdateType.HUB_PROFILE, profile));
        profile.put("encryption_key", "x25519:short");
        assertEquals("$.body.encryption_key", firstError(2, UpdateType.HUB_PROFILE, profile));
    }
}
