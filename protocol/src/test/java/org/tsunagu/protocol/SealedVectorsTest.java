package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.Bodies;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealException;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;
import org.tsunagu.protocol.seal.UnknownKeyException;

/**
 * Runs {@code protocol/vectors/sealed.json} (SPEC §6.10: sealed records and partnerships) against the
 * envelope, body and seal code.
 */
class SealedVectorsTest {
    @Test
    void read_everyVector_reachesItsVerdictAndPath() throws IOException {
        JsonNode file = ConformanceVectorsTest.load("sealed.json");
        Map<String, EncryptionKeyPair> privateKeys = new HashMap<>();
        for (JsonNode k : file.get("keys").get("encryption")) {
            EncryptionKeyPair pair = EncryptionKeyPair.fromPrivateKey(
                    Base64Url.decode(k.get("private_key").asText(), "$"));
            assertEquals(k.get("key").asText(), pair.keyId().value(), "the key id is the private key's");
            privateKeys.put(pair.keyId().value(), pair);
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (JsonNode c : file.get("cases")) {
            String name = c.get("name").asText();
            JsonNode expected = c.get("expected");
            String outcome = read(c, privateKeys, expected, name);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertEquals(
                Map.of(
                        "body",
                        2,
                        "does_not_open",
                        2,
                        "invalid_record",
                        2,
                        "not_recipient",
                        2,
                        "opened",
                        7,
                        "signature",
                        12,
                        "unknown_key",
                        1),
                outcomes);
    }

    private static String read(JsonNode c, Map<String, EncryptionKeyPair> privateKeys, JsonNode expected, String name) {
        Envelope e;
        try {
            e = Envelope.parse(c.get("input").asText());
            e.verifySignature(KeyId.parse(c.get("key").asText(), "$.key").publicKey());
            Bodies.validate(e.version(), e.origin(), e.type(), e.body(), Clock.systemUTC());
        } catch (ProtocolException ex) {
            String kind = ex instanceof InvalidSignatureException
                    ? "signature"
                    : ex instanceof ValidationException ? "body" : "malformed";
            assertEquals(false, expected.get("valid").booleanValue(), name + ": " + ex.getMessage());
            assertEquals(expected.get("error").asText(), kind, name);
            assertEquals(expected.get("path").asText(), ex.path(), name);
            return kind;
        }
        assertTrue(expected.get("valid").booleanValue(), name + ": accepted");
        Map<EncryptionKeyId, EncryptionKeyPair> held = new HashMap<>();
        c.get("reader_keys").forEach(k -> held.put(new EncryptionKeyId(k.asText()), privateKeys.get(k.asText())));
        SealIdentity identity = new SealIdentity(
                e.origin(), e.seq(), e.type(), e.body().get("id").asText());
        String read;
        String path = null;
        try {
            Optional<ObjectNode> part = Sealing.open(
                    e.body().get("sealed"), identity, HubId.of(c.get("reader").asText()), held::get, "$.body.sealed");
            if (part.isEmpty()) {
                ObjectNode clear = e.body().deepCopy();
                clear.remove("sealed");
                assertEquals(expected.get("record").asText(), CanonicalJson.canonicalString(clear), name);
                read = "not_recipient";
            } else {
                ObjectNode record = Bodies.merge(e.origin(), e.type(), e.body(), part.get(), Clock.systemUTC());
                assertEquals(expected.get("record").asText(), CanonicalJson.canonicalString(record), name);
                read = "opened";
            }
        } catch (UnknownKeyException ex) {
            read = "unknown_key";
            path = ex.path();
        } catch (SealException ex) {
            read = "does_not_open";
            path = ex.path();
        } catch (ValidationException ex) {
            read = "invalid_record";
            path = ex.path();
        }
        assertEquals(expected.get("read").asText(), read, name);
        if (path != null) {
            assertEquals(expected.get("path").asText(), path, name);
        }
        return read;
    }
}
