package org.tsunagu.protocol.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Seals part of a body for named hubs and opens it again (SPEC §6.10). The sealed member is
 *
 * <pre>{"ct": …, "nonce": …, "to": [{"hub", "key", "enc", "ck"}, …]}</pre>
 *
 * where {@code ct} is ChaCha20-Poly1305 (RFC 8439) of the canonical form of the sealed members under a
 * fresh random 32-byte content key and 12-byte nonce, and each {@code to} entry wraps that key for one
 * hub's encryption key with HPKE ({@link HpkeSuite}). Both use {@link SealIdentity#associatedData()} as
 * associated data.
 */
public final class Sealing {
    public static final int CONTENT_KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    /** A wrapped content key: 32 bytes and the 16-byte Poly1305 tag. */
    public static final int WRAPPED_KEY_BYTES = CONTENT_KEY_BYTES + 16;

    public static final int MAX_RECIPIENTS = 100;

    private Sealing() {}

    /**
     * Seals {@code part} (an object of body members) for {@code recipients}, hub by hub. Everything
     * random (content key, nonce, each wrap's ephemeral key) is drawn from {@code random}, in that
     * order: pass a SecureRandom; only the conformance vectors pass a seeded one.
     *
     * @throws SealException if a recipient's key cannot be sealed to
     */
    public static ObjectNode seal(
            ObjectNode part, SealIdentity identity, Map<HubId, EncryptionKeyId> recipients, SecureRandom random) {
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("seal to 1 to " + MAX_RECIPIENTS + " hubs");
        }
        byte[] aad = identity.associatedData();
        byte[] contentKey = new byte[CONTENT_KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(contentKey);
        random.nextBytes(nonce);
        try {
            byte[] ct = chacha(Cipher.ENCRYPT_MODE, contentKey, nonce, aad, CanonicalJson.canonicalize(part));
            ObjectNode sealed = JsonNodeFactory.instance.objectNode();
            sealed.put("ct", Base64Url.encode(ct));
            sealed.put("nonce", Base64Url.encode(nonce));
            ArrayNode to = sealed.putArray("to");
            for (Map.Entry<HubId, EncryptionKeyId> r : recipients.entrySet()) {
                HpkeSuite.Wrapped w = HpkeSuite.wrap(r.getValue(), aad, contentKey, random);
                to.addObject()
                        .put("hub", r.getKey().value())
                        .put("key", r.getValue().value())
                        .put("enc", Base64Url.encode(w.enc()))
                        .put("ck", Base64Url.encode(w.ct()));
            }
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is part of the Java platform", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /**
     * Opens {@code sealed} for {@code hub}: empty if the hub is not a recipient.
     *
     * @param keys this hub's encryption key pairs by key id, current and retired
     * @param path where {@code sealed} sits, for errors
     * @throws SealException if the hub is a recipient but the part does not open: a key it does not hold
     *     (see {@link UnknownKeyException}), or a tampered or moved part
     */
    public static Optional<ObjectNode> open(
            JsonNode sealed,
            SealIdentity identity,
            HubId hub,
            Function<EncryptionKeyId, EncryptionKeyPair> keys,
            String path) {
        JsonNode to = sealed.path("to");
        for (int i = 0; i < to.size(); i++) {
            JsonNode r = to.get(i);
            if (!hub.value().equals(r.path("hub").asText())) {
                continue;
            }
            String at = path + ".to[" + i + "]";
            EncryptionKeyId keyId = EncryptionKeyId.parse(r.path("key").asText(), at + ".key");
            EncryptionKeyPair key = keys.apply(keyId);
            if (key == null) {
                throw new UnknownKeyException(at + ".key", keyId);
            }
            byte[] aad = identity.associatedData();
            byte[] contentKey = HpkeSuite.unwrap(
                    Base64Url.decode(r.path("enc").asText(), at + ".enc"),
                    Base64Url.decode(r.path("ck").asText(), at + ".ck"),
                    key,
                    aad,
                    at + ".ck");
            try {
                byte[] plain = chacha(
                        Cipher.DECRYPT_MODE,
                        contentKey,
                        Base64Url.decode(sealed.path("nonce").asText(), path + ".nonce"),
                        aad,
                        Base64Url.decode(sealed.path("ct").asText(), path + ".ct"));
                JsonNode part = StrictJson.parse(plain);
                if (!part.isObject()) {
                    throw new SealException(path + ".ct", "the sealed part is not a JSON object");
                }
                return Optional.of((ObjectNode) part);
            } catch (GeneralSecurityException e) {
                throw new SealException(path + ".ct", "the sealed part does not open: tampered or moved");
            } catch (MalformedMessageException e) {
                throw new SealException(path + ".ct", "the sealed part is not strict JSON: " + e.getMessage());
            } finally {
                Arrays.fill(contentKey, (byte) 0);
            }
        }
        return Optional.empty();
    }

    /** The hubs a sealed member names, in order (no decryption). */
    public static Map<HubId, EncryptionKeyId> recipients(JsonNode sealed) {
        Map<HubId, EncryptionKeyId> out = new LinkedHashMap<>();
        for (JsonNode r : sealed.path("to")) {
            out.put(
                    HubId.of(r.path("hub").asText()),
                    new EncryptionKeyId(r.path("key").asText()));
        }
        return out;
    }

    private static byte[] chacha(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }
}
