package org.tsunagu.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.UpdateType;

class SealingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HubId JP = HubId.of("jp-janic");
    private static final HubId TH = HubId.of("th-ngocoord");
    private static final HubId OUTSIDER = HubId.of("ph-caucus");
    private static final SealIdentity ID =
            new SealIdentity(HubId.of("mm-hub"), 7, UpdateType.ORG_UPSERT, "delta-women");

    private final EncryptionKeyPair jpKey = EncryptionKeyPair.generate(RANDOM);
    private final EncryptionKeyPair thKey = EncryptionKeyPair.generate(RANDOM);

    private static ObjectNode part() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("description", "Staff work underground in the Ayeyarwady delta.");
        p.put("email", "contact@delta-women.example");
        return p;
    }

    private ObjectNode sealed() {
        Map<HubId, EncryptionKeyId> to = new LinkedHashMap<>();
        to.put(JP, jpKey.keyId());
        to.put(TH, thKey.keyId());
        return Sealing.seal(part(), ID, to, RANDOM);
    }

    @Test
    void seal_thenOpenByEachRecipient_givesThePart() {
        ObjectNode sealed = sealed();
        assertFalse(sealed.toString().contains("underground"));
        assertEquals(
                part(),
                Sealing.open(sealed, ID, JP, k -> k.equals(jpKey.keyId()) ? jpKey : null, "$.body.sealed")
                        .orElseThrow());
        assertEquals(
                part(),
                Sealing.open(sealed, ID, TH, k -> k.equals(thKey.keyId()) ? thKey : null, "$.body.sealed")
                        .orElseThrow());
    }

    @Test
    void open_byNonRecipient_isEmpty() {
        assertTrue(Sealing.open(sealed(), ID, OUTSIDER, k -> jpKey, "$").isEmpty());
    }

    @Test
    void open_movedToAnotherEnvelope_fails() {
        ObjectNode sealed = sealed();
        SealIdentity otherSeq = new SealIdentity(ID.origin(), 8, ID.type(), ID.id());
        SealIdentity otherId = new SealIdentity(ID.origin(), 7, ID.type(), "yangon-relief");
        assertThrows(SealException.class, () -> Sealing.open(sealed, otherSeq, JP, k -> jpKey, "$"));
        assertThrows(SealException.class, () -> Sealing.open(sealed, otherId, JP, k -> jpKey, "$"));
    }

    @Test
    void open_tamperedCiphertext_failsNamingCt() {
        ObjectNode sealed = sealed();
        byte[] ct = Base64Url.decode(sealed.get("ct").asText(), "$");
        ct[0] ^= 1;
        sealed.put("ct", Base64Url.encode(ct));
        SealException ex =
                assertThrows(SealException.class, () -> Sealing.open(sealed, ID, JP, k -> jpKey, "$.body.sealed"));
        assertEquals("$.body.sealed.ct", ex.path());
    }

    @Test
    void open_keyNotHeld_throwsUnknownKey() {
        UnknownKeyException ex =
                assertThrows(UnknownKeyException.class, () -> Sealing.open(sealed(), ID, JP, k -> null, "$"));
        assertEquals(jpKey.keyId(), ex.keyId());
    }

    @Test
    void open_withRetiredKeyAfterRotation_stillWorks() {
        ObjectNode old = sealed();
        EncryptionKeyPair newKey = EncryptionKeyPair.generate(RANDOM);
        Map<EncryptionKeyId, EncryptionKeyPair> ring = Map.of(jpKey.keyId(), jpKey, newKey.keyId(), newKey);
        assertEquals(part(), Sealing.open(old, ID, JP, ring::get, "$").orElseThrow());
    }

    @Test
    void encryptionKeyPair_privateKeyRoundTrip_keepsKeyId_andToStringHidesIt() {
        EncryptionKeyPair again = EncryptionKeyPair.fromPrivateKey(jpKey.privateKeyBytes());
        assertEquals(jpKey.keyId(), again.keyId());
        assertFalse(jpKey.toString().contains(Base64Url.encode(jpKey.privateKeyBytes())));
    }

    @Test
    void encryptionKeyId_badForms_refused() {
        assertThrows(
                MalformedMessageException.class,
                () -> EncryptionKeyId.parse("ed25519:" + Base64Url.encode(new byte[32]), "$.k"));
        assertThrows(
                MalformedMessageException.class,
                () -> EncryptionKeyId.parse("x25519:" + Base64Url.encode(new byte[31]), "$.k"));
        assertThrows(
                MalformedMessageException.class,
                () -> EncryptionKeyId.parse("x25519:" + Base64Url.encode(new byte[32]), "$.k"));
    }

    @Test
    void recipients_listsHubsWithoutDecrypting() {
        assertEquals(Map.of(JP, jpKey.keyId(), TH, thKey.keyId()), Sealing.recipients(sealed()));
    }
}
