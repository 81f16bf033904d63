package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;

/** The body types with a handful of members: hub profile, removal, endorsement, retraction, key rotation. */
final class SmallBodyRules {
    private SmallBodyRules() {}

    static void hubProfile(Check check, JsonNode body) {
        Obj o = Obj.open(
                check,
                body,
                JsonPath.BODY,
                Set.of("hub", "name", "country", "url"),
                check.version >= Envelope.VERSION_2
                        ? Set.of("names", "description", "email", "encryption_key")
                        : Set.of("names", "description", "email"));
        if (o == null) {
            return;
        }
        SealedRules.encryptionKey(o, "encryption_key");
        String hub = o.text("hub", 64);
        if (hub != null && !hub.equals(check.origin.value())) {
            check.error(o.at("hub"), "must equal the envelope's origin " + check.origin);
        }
        o.text("name", Limits.NAME);
        o.languageMap("names", Limits.NAME, false);
        Fields.country(o, "country");
        Fields.url(o, "url");
        o.multiline("description", Limits.DESCRIPTION);
        Fields.email(o, "email");
    }

    static void orgRemove(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, Set.of("id"), Set.of("reason"));
        if (o != null) {
            Fields.localId(o, "id");
            o.multiline("reason", Limits.REASON);
        }
    }

    static void endorse(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, Set.of("partnership", "announcement"), Set.of());
        if (o == null) {
            return;
        }
        Fields.globalId(o, "partnership");
        String hash = o.text("announcement", 64);
        if (hash != null) {
            try {
                Hashes.requireHash(hash, "$");
            } catch (ProtocolException e) {
                check.error(
                        o.at("announcement"),
                        "must be the announcement envelope's hash, sha256: and 43 base64url characters");
            }
        }
    }

    static void retract(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, Set.of("partnership"), Set.of("reason"));
        if (o != null) {
            Fields.globalId(o, "partnership");
            o.multiline("reason", Limits.REASON);
        }
    }

    static void keyRotate(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, Set.of("new_key"), Set.of("reason"));
        if (o == null) {
            return;
        }
        String key = o.text("new_key", 64);
        if (key != null) {
            try {
                // publicKey() runs the full check (prime-order subgroup): the key is about to be pinned.
                KeyId.parse(key, "$").publicKey();
            } catch (ProtocolException e) {
                check.error(
                        o.at("new_key"), "must be a key id, ed25519: and the base64url public key: " + e.getMessage());
            }
        }
        o.multiline("reason", Limits.REASON);
    }
}
