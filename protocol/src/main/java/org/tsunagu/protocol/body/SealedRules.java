package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.Sealing;

/**
 * Version 2 body members for sealed records (SPEC §6.10): the form of {@code sealed}, the clear
 * members a sealed {@code org.upsert} may keep, and a hub's {@code encryption_key}. What is inside the
 * ciphertext only a recipient can check ({@link Bodies#merge}).
 */
final class SealedRules {
    static final String MEMBER = "sealed";
    /** Listed: name and country stay clear. Unlisted: only the id does. */
    private static final Set<String> LISTED = Set.of("id", "name", "country", MEMBER);

    private static final Set<String> ENTRY = Set.of("hub", "key", "enc", "ck");

    private SealedRules() {}

    /** A sealed {@code org.upsert}: {@code {id, sealed}} (unlisted) or {@code {id, name, country, sealed}}. */
    static void organization(Check check, JsonNode body) {
        boolean listed = body.has("name") || body.has("country");
        Obj o = Obj.open(check, body, JsonPath.BODY, listed ? LISTED : Set.of("id", MEMBER), Set.of());
        if (o == null) {
            return;
        }
        Fields.localId(o, "id");
        o.text("name", Limits.NAME);
        Fields.country(o, "country");
        sealed(o);
    }

    private static void sealed(Obj body) {
        Obj s = body.object(MEMBER, Set.of("ct", "nonce", "to"), Set.of());
        if (s == null) {
            return;
        }
        bytes(s, "nonce", Sealing.NONCE_BYTES);
        bytes(s, "ct", -1);
        var to = s.array("to", Sealing.MAX_RECIPIENTS);
        if (s.node.has("to") && s.node.get("to").isArray() && to.isEmpty()) {
            s.check.error(s.at("to"), "names at least one hub");
        }
        Set<String> hubs = new HashSet<>();
        for (Obj.Item item : to) {
            Obj entry = Obj.open(s.check, item.node(), item.path(), ENTRY, Set.of());
            if (entry == null) {
                continue;
            }
            String hub = entry.text("hub", 64);
            if (hub != null) {
                try {
                    HubId.parse(hub, "$");
                    if (!hubs.add(hub)) {
                        entry.check.error(entry.at("hub"), "names a hub twice");
                    }
                } catch (ProtocolException e) {
                    entry.check.error(entry.at("hub"), "must be a hub id");
                }
            }
            encryptionKey(entry, "key");
            bytes(entry, "enc", EncryptionKeyId.KEY_BYTES);
            bytes(entry, "ck", Sealing.WRAPPED_KEY_BYTES);
        }
    }

    /** An optional {@code x25519:} key id member. */
    static void encryptionKey(Obj o, String name) {
        JsonNode v = o.node.get(name);
        if (v == null) {
            return;
        }
        try {
            EncryptionKeyId.parse(v.isTextual() ? v.textValue() : null, "$");
        } catch (ProtocolException e) {
            o.check.error(o.at(name), "must be x25519: and the base64url of a 32-byte X25519 public key");
        }
    }

    /** A base64url member of exactly {@code length} bytes, or of at least one byte when {@code length < 0}. */
    private static void bytes(Obj o, String name, int length) {
        JsonNode v = o.node.get(name);
        if (v == null) {
            return;
        }
        try {
            byte[] b = Base64Url.decode(v.isTextual() ? v.textValue() : null, "$");
            if (length >= 0 ? b.length != length : b.length == 0) {
                o.check.error(o.at(name), length >= 0 ? "must be " + length + " bytes" : "must not be empty");
            }
        } catch (ProtocolException e) {
            o.check.error(o.at(name), "must be base64url without padding");
        }
    }
}
