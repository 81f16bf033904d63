package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class SmallBodyValidationTest {
    private static final String HASH = Hashes.sha256(new byte[] {1, 2, 3});
    private static final String KEY =
            KeyId.of(Ed25519KeyPair.fromSeed(new byte[32]).publicKey()).value();

    @Test
    void validate_hubProfile_passes() {
        Examples.valid(JP, UpdateType.HUB_PROFILE, json(Examples.HUB_PROFILE));
    }

    @Test
    void validate_hubProfileOfAnotherHub_rejected() {
        ObjectNode body = json(Examples.HUB_PROFILE);
        Examples.onlyError(HubId.of("th-ngo-net"), UpdateType.HUB_PROFILE, body, "$.body.hub");
    }

    @Test
    void validate_hubProfileMissingUrlAndBadEmail_reportsBoth() {
        ObjectNode body = json(Examples.HUB_PROFILE).put("email", "hub");
        body.remove("url");
        var paths = Examples.errors(JP, UpdateType.HUB_PROFILE, body).stream()
                .map(e -> e.path())
                .toList();
        assertEquals(java.util.List.of("$.body.url", "$.body.email"), paths);
    }

    @Test
    void validate_hubProfileUnknownMember_rejected() {
        Examples.onlyError(
                JP, UpdateType.HUB_PROFILE, json(Examples.HUB_PROFILE).put("key", KEY), "$.body.key");
    }

    @Test
    void validate_orgRemove_passes() {
        Examples.valid(JP, UpdateType.ORG_REMOVE, json("{\"id\": \"org-0001\", \"reason\": \"解散しました\"}"));
    }

    @Test
    void validate_orgRemoveBadId_rejected() {
        Examples.onlyError(JP, UpdateType.ORG_REMOVE, json("{\"id\": \"org 1\"}"), "$.body.id");
    }

    @Test
    void validate_orgRemoveReasonTooLong_rejected() {
        ObjectNode body = json("{\"id\": \"a\"}").put("reason", "x".repeat(Limits.REASON + 1));
        Examples.onlyError(JP, UpdateType.ORG_REMOVE, body, "$.body.reason");
    }

    @Test
    void validate_endorse_passes() {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("partnership", "th-ngo-net/p-1")
                .put("announcement", HASH);
        Examples.valid(JP, UpdateType.PARTNERSHIP_ENDORSE, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:abc", "sha1:AAAA", "sha256:+++++++++++++++++++++++++++++++++++++++++++"})
    void validate_endorseBadHash_rejected(String hash) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("partnership", "th-ngo-net/p-1")
                .put("announcement", hash);
        Examples.onlyError(JP, UpdateType.PARTNERSHIP_ENDORSE, body, "$.body.announcement");
    }

    @Test
    void validate_endorseBadPartnership_rejected() {
        ObjectNode body =
                JsonNodeFactory.instance.objectNode().put("partnership", "p-1").put("announcement", HASH);
        Examples.onlyError(JP, UpdateType.PARTNERSHIP_ENDORSE, body, "$.body.partnership");
    }

    @Test
    void validate_retract_passes() {
        Examples.valid(
                JP, UpdateType.PARTNERSHIP_RETRACT, json("{\"partnership\": \"jp-janic/p-1\", \"reason\": \"終了\"}"));
    }

    @Test
    void validate_retractMissingPartnership_rejected() {
        Examples.onlyError(JP, UpdateType.PARTNERSHIP_RETRACT, json("{\"reason\": \"x\"}"), "$.body.partnership");
    }

    @Test
    void validate_keyRotate_passes() {
        ObjectNode body =
                JsonNodeFactory.instance.objectNode().put("new_key", KEY).put("reason", "yearly rotation");
        Examples.valid(JP, UpdateType.KEY_ROTATE, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519:abc", "rsa:AAAA", "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void validate_keyRotateBadKey_rejected(String key) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("new_key", key);
        Examples.onlyError(JP, UpdateType.KEY_ROTATE, body, "$.body.new_key");
    }

    @Test
    void validate_keyRotateGeneratedKey_passes() {
        String key = KeyId.of(Ed25519KeyPair.generate(new SecureRandom()).publicKey())
                .value();
        Examples.valid(
                JP, UpdateType.KEY_ROTATE, JsonNodeFactory.instance.objectNode().put("new_key", key));
    }

    @ParameterizedTest
    @EnumSource(UpdateType.class)
    void validate_bodyNotAnObject_rejectedForEveryType(UpdateType type) {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> Bodies.validate(JP, type, JsonNodeFactory.instance.arrayNode(), Examples.CLOCK));
        assertEquals("$.body", e.path());
    }

    @ParameterizedTest
    @EnumSource(UpdateType.class)
    void validate_unknownMember_rejectedForEveryType(UpdateType type) {
        ValidationException e = assertThrows(
                ValidationException.class, () -> Bodies.validate(JP, type, json("{\"extra\": 1}"), Examples.CLOCK));
        assertEquals(
                1,
                e.errors().stream().filter(f -> f.path().equals("$.body.extra")).count());
    }
}
