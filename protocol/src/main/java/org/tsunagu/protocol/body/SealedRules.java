package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;

/**
 * Version 2 body members for sealed records (SPEC §6.10): the form of {@code sealed}, the clear
 * members a sealed {@code org.upsert} or {@code partnership.announce} may keep, and a hub's {@code
 * encryption_key}. What is inside the ciphertext only a recipient can check ({@link Bodies#merge}).
 */
final class SealedRules {
    static final String MEMBER = "sealed";
    /** An organisation listed: name and country stay clear. Unlisted (either type): only the id does. */
    private static final Set<String> LISTED = Set.of("id", "name", "country", MEMBER);
    /**
     * A partnership listed: only its kind stays clear with the id. Its title would often name the
     * parties ("X and Y joint response in Rakhine"), and who partners with whom is the sensitive fact.
     */
    private static final Set<String> LISTED_PARTNERSHIP = Set.of("id", "kind", MEMBER);

    private static final Set<String> UNLISTED = Set.of("id", MEMBER);

    private static final Set<String> ENTRY = Set.of("hub", "key", "enc", "ck");

    private SealedRules() {}

    /** A sealed {@code org.upsert}: {@code {id, sealed}} (unlisted) or {@code {id, name, country, sealed}}. */
    static void organization(Check check, JsonNode body) {
        boolean listed = body.has("name") || body.has("country");
        Obj o = Obj.open(check, body, JsonPath.BODY, listed ? LISTED : UNLISTED, Set.of());
        if (o == null) {
            return;
        }
        Fields.localId(o, "id");
        o.text("name", Limits.NAME);
        Fields.country(o, "country");
        sealed(o);
    }

    /** A sealed {@code partnership.announce}: {@code {id, sealed}} (unlisted) or {@code {id, kind, sealed}}. */
    static void partnership(Check check, JsonNode body) {
        boolean listed = body.has("kind");
        Obj o = Obj.open(check, body, JsonPath.BODY, listed ? LISTED_PARTNERSHIP : UNLISTED, Set.of());
        if (o == null) {
            return;
        }
        Fields.localId(o, "id");
        if (listed) {
            o.oneOf("kind", Partnership.Kind.WIRE_NAMES);
        }
        sealed(o);
    }

    /** Whether {@code type} may be sealed (SPEC §6.10). */
    static boolean sealable(UpdateType type) {
        return type == UpdateType.ORG_UPSERT || type == UpdateType.PARTNERSHIP_ANNOUNCE;
    }

    /** The members a sealed body of {@code type} keeps clear, {@code sealed} aside. */
    static Set<String> clearMembers(UpdateType type, boolean listed) {
        if (!sealable(type)) {
            throw new IllegalArgumentException(type.wire() + " cannot be sealed");
        }
        if (!listed) {
            return Set.of("id");
        }
        return type == UpdateType.ORG_UPSERT ? Set.of("id", "name", "country") : Set.of("id", "kind");
    }

    /** Listed rather than unlisted: a clear member beyond the id (name for a record, kind for a partnership). */
    static boolean isListed(UpdateType type, JsonNode body) {
        return type == UpdateType.ORG_UPSERT ? body.has("name") || body.has("country") : body.has("kind");
    }

    /**
     * As the origin seals: the members of {@code record} (valid for {@code type}, no {@code sealed})
     * that stay clear, and the others sealed for {@code recipients} at the envelope identity.
     */
    static ObjectNode seal(
            SealIdentity identity,
            JsonNode record,
            boolean listed,
            Map<HubId, EncryptionKeyId> recipients,
            SecureRandom random) {
        Set<String> clearNames = clearMembers(identity.type(), listed);
        ObjectNode clear = JsonNodeFactory.instance.objectNode();
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        record.properties()
                .forEach(e -> (clearNames.contains(e.getKey()) ? clear : part)
                        .set(e.getKey(), e.getValue().deepCopy()));
        requirePartyRecipients(record, recipients.keySet(), "$.body");
        clear.set(MEMBER, Sealing.seal(part, identity, recipients, random));
        return clear;
    }

    /**
     * A sealed partnership names every party's hub among its recipients, so each can read what it is
     * asked to endorse. Nothing for other bodies.
     *
     * @param at where the parties sit ({@code $.body}, or {@code $.body.sealed} for an opened part)
     * @throws ValidationException naming each party whose hub is no recipient
     */
    static void requirePartyRecipients(JsonNode record, Set<HubId> recipients, String at) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode parties = record.path("parties");
        for (int i = 0; i < parties.size(); i++) {
            String hub = parties.get(i).path("hub").asText();
            if (recipients.stream().noneMatch(r -> r.value().equals(hub))) {
                errors.add(
                        new FieldError(
                                at + ".parties[" + i + "].hub",
                                "must be a recipient of the sealed part: every party's hub reads and endorses the partnership"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
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
