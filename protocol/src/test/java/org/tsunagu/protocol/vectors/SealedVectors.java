package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.Bodies;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Builds {@code sealed.json} (SPEC §6.10): {@code mm-hub}'s version 2 log with records sealed to
 * {@code th-hub} and sealed partnerships between its organisation and th-hub's, read by th-hub (holding its first encryption key, both keys after a rotation, or only
 * the new one) and by {@code jp-relay}, which is no recipient. Every sealed envelope comes after its
 * tampered twins, which fail the signature before anything is decrypted.
 *
 * <p>Everything random comes from labels, so the file is reproducible: encryption key pairs are HPKE
 * DeriveKeyPair of SHA-256 of their label, and each seal draws its content key, nonce and ephemeral
 * keys from {@link LabelRandom}. The expected outcomes are stated from the rules of SPEC §6.10.
 */
final class SealedVectors {
    static final String MM = "mm-hub";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant START = Instant.parse("2026-12-02T03:00:00Z");

    private final Ed25519KeyPair mm1 = VectorKeys.key("mm-hub/1");
    private final HubId origin = HubId.of(MM);
    private final Map<String, EncryptionKeyPair> encryption = new LinkedHashMap<>();
    private final List<Envelope> log = new ArrayList<>();
    private final ArrayNode cases = F.arrayNode();

    SealedVectors() {
        // mm-hub's own key last: it came with the partnerships, which every party's hub (its own too) reads.
        for (String label : List.of("th-hub/1", "th-hub/2", "jp-relay/1", "mm-hub/1")) {
            encryption.put(label, encryptionKey(label));
        }
    }

    static EncryptionKeyPair encryptionKey(String label) {
        return EncryptionKeyPair.derive(
                VectorKeys.sha256((VectorKeys.LABEL_PREFIX + "x25519/" + label).getBytes(StandardCharsets.UTF_8)));
    }

    ArrayNode build() {
        append(Envelope.sign(origin, 1, null, minutes(0), UpdateType.HUB_PROFILE, EnvelopeV2Vectors.profile(), mm1));
        Envelope listed = append(sealedAt(2, listedRecord(), true, Map.of("th-hub", "th-hub/1")));
        Envelope unlisted =
                append(sealedAt(3, unlistedRecord(), false, Map.of("th-hub", "th-hub/1", "jp-relay", "jp-relay/1")));
        Envelope rotated =
                append(sealedAt(4, listedRecord().put("status", "active"), true, Map.of("th-hub", "th-hub/2")));

        twins(listed);
        opens("mm-hub/2 listed, read by th-hub", listed, "th-hub", List.of("th-hub/1"), listedRecord());
        notRecipient("mm-hub/2 listed, read by jp-relay (no recipient)", listed, "jp-relay", List.of("jp-relay/1"));
        unreadable(
                "mm-hub/2 listed, read by th-hub holding only its newer key (the old one was lost)",
                listed,
                "th-hub",
                List.of("th-hub/2"),
                "unknown_key",
                "$.body.sealed.to[0].key");
        twins(unlisted);
        opens("mm-hub/3 unlisted, read by th-hub", unlisted, "th-hub", List.of("th-hub/1"), unlistedRecord());
        opens(
                "mm-hub/3 unlisted, read by jp-relay (also named)",
                unlisted,
                "jp-relay",
                List.of("jp-relay/1"),
                unlistedRecord());
        opens(
                "mm-hub/4 sealed to th-hub's rotated key, read by th-hub holding both keys",
                rotated,
                "th-hub",
                List.of("th-hub/1", "th-hub/2"),
                listedRecord().put("status", "active"));
        opens(
                "mm-hub/2 sealed to th-hub's first key still opens after the rotation (old keys are kept)",
                listed,
                "th-hub",
                List.of("th-hub/1", "th-hub/2"),
                listedRecord());

        // The origin itself moves seq 2's sealed member into seq 5: it verifies, but does not open.
        ObjectNode moved = ((ObjectNode) listed.body()).deepCopy();
        moved.put("id", "another-record");
        Envelope movedEnvelope = v2(5, moved);
        unreadable(
                "mm-hub/5 carries seq 2's sealed member under another id and seq (the associated data differs)",
                movedEnvelope,
                "th-hub",
                List.of("th-hub/1"),
                "does_not_open",
                "$.body.sealed.to[0].ck");

        ObjectNode both = listedRecord();
        ObjectNode overlapping =
                sealedBody(6, both, true, Map.of("th-hub", "th-hub/1"), part -> part.put("name", "A second name"));
        unreadable(
                "mm-hub/6 seals a member that is also clear (name): th-hub cannot read it as a record",
                v2(6, overlapping),
                "th-hub",
                List.of("th-hub/1"),
                "invalid_record",
                "$.body.sealed.name");
        ObjectNode extraClear = sealedBody(6, listedRecord(), true, Map.of("th-hub", "th-hub/1"), part -> {});
        extraClear.put("description", "A listed body keeps only id, name and country clear.");
        invalidEnvelope(
                "mm-hub/6 listed with a description left clear",
                v2(6, extraClear).canonicalJson(),
                "body",
                "$.body.description");
        partnerships();
        return cases;
    }

    /**
     * Sealed partnerships (SPEC §6.5, §6.10): seq 7 listed (id and kind clear) and seq 8 unlisted, each
     * sealed to every party's hub; then what must not read: a partnership whose party hub th-hub is no
     * recipient, seq 7's sealed member carried into an org.upsert (the type is in the associated data),
     * and a listed partnership with its title left clear.
     */
    private void partnerships() {
        Map<String, String> parties = Map.of("mm-hub", "mm-hub/1", "th-hub", "th-hub/1");
        Envelope listed = v2(7, UpdateType.PARTNERSHIP_ANNOUNCE, sealedPartnership(7, true, parties));
        twins(listed);
        opens(
                "mm-hub/7 listed partnership, read by th-hub (a party's hub)",
                listed,
                "th-hub",
                List.of("th-hub/1"),
                partnershipRecord());
        notRecipient(
                "mm-hub/7 listed partnership, read by jp-relay (no recipient)",
                listed,
                "jp-relay",
                List.of("jp-relay/1"));

        Map<String, String> withRelay = new LinkedHashMap<>(parties);
        withRelay.put("jp-relay", "jp-relay/1");
        Envelope unlisted = v2(8, UpdateType.PARTNERSHIP_ANNOUNCE, sealedPartnership(8, false, withRelay));
        twins(unlisted);
        opens(
                "mm-hub/8 unlisted partnership, read by jp-relay (named, no party)",
                unlisted,
                "jp-relay",
                List.of("jp-relay/1"),
                partnershipRecord());

        // The origin leaves th-hub, a party's hub, out of the recipients: it verifies, but is no partnership.
        ObjectNode part = partnershipRecord();
        ObjectNode clear = F.objectNode()
                .put("id", part.remove("id").asText())
                .put("kind", part.remove("kind").asText());
        clear.set(
                "sealed",
                Sealing.seal(
                        part,
                        new SealIdentity(
                                origin,
                                9,
                                UpdateType.PARTNERSHIP_ANNOUNCE,
                                clear.get("id").asText()),
                        recipients(Map.of("mm-hub", "mm-hub/1", "jp-relay", "jp-relay/1")),
                        new LabelRandom(MM + "/9")));
        unreadable(
                "mm-hub/9 partnership not sealed to th-hub, a party's hub: jp-relay opens it but cannot read it as"
                        + " an announcement",
                v2(9, UpdateType.PARTNERSHIP_ANNOUNCE, clear),
                "jp-relay",
                List.of("jp-relay/1"),
                "invalid_record",
                "$.body.sealed.parties[1].hub");

        ObjectNode moved = ((ObjectNode) listed.body()).deepCopy();
        moved.remove("kind");
        unreadable(
                "mm-hub/7 carries the partnership's sealed member in an org.upsert of the same id (the type differs)",
                v2(7, UpdateType.ORG_UPSERT, moved),
                "th-hub",
                List.of("th-hub/1"),
                "does_not_open",
                "$.body.sealed.to[1].ck");

        ObjectNode titled = sealedPartnership(10, true, parties);
        titled.put("title", partnershipRecord().get("title").asText());
        invalidEnvelope(
                "mm-hub/10 listed partnership with its title left clear (it names the parties)",
                v2(10, UpdateType.PARTNERSHIP_ANNOUNCE, titled).canonicalJson(),
                "body",
                "$.body.title");
    }

    static ObjectNode partnershipRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "p-border");
        b.put("kind", "joint_response");
        ArrayNode parties = b.putArray("parties");
        parties.addObject().put("organization", "mm-hub/kayin-women").put("hub", "mm-hub");
        parties.addObject()
                .put("organization", "th-hub/mae-sot-clinic")
                .put("hub", "th-hub")
                .put("role", "4");
        b.put("title", "Kayin Women and Mae Sot Clinic joint response");
        b.put("description", "Cross-border referrals of survivors from Hpa-an.");
        b.putArray("countries").add("MM").add("TH");
        return b;
    }

    private ObjectNode sealedPartnership(long seq, boolean listed, Map<String, String> to) {
        return Bodies.seal(
                origin,
                seq,
                UpdateType.PARTNERSHIP_ANNOUNCE,
                partnershipRecord(),
                listed,
                recipients(to),
                new LabelRandom(MM + "/" + seq));
    }

    /** Recipients in hub order, each with the encryption key of its label. */
    private Map<HubId, EncryptionKeyId> recipients(Map<String, String> to) {
        Map<HubId, EncryptionKeyId> recipients = new LinkedHashMap<>();
        new java.util.TreeMap<>(to)
                .forEach((hub, label) ->
                        recipients.put(HubId.of(hub), encryption.get(label).keyId()));
        return recipients;
    }

    /** The {@code keys} member: the signing key and the encryption keys (private keys: test keys only). */
    ObjectNode keysJson() {
        ObjectNode keys = F.objectNode();
        keys.set("signing", VectorKeys.json(List.of("mm-hub/1")));
        ArrayNode enc = keys.putArray("encryption");
        encryption.forEach((label, pair) -> enc.addObject()
                .put("label", VectorKeys.LABEL_PREFIX + "x25519/" + label)
                .put("private_key", Base64Url.encode(pair.privateKeyBytes()))
                .put("key", pair.keyId().value()));
        return keys;
    }

    static ObjectNode listedRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "kayin-women");
        b.put("name", "Kayin Women Network");
        b.put("country", "MM");
        b.put("description", "Staff work underground near Hpa-an.");
        b.putArray("sectors").add("15160");
        b.put("email", "contact@kayin-women.example");
        b.putArray("contacts").addObject().put("name", "Naw Paw").put("phone", "+95 9 444 555 666");
        return b;
    }

    static ObjectNode unlistedRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "c0ffee-7");
        b.put("name", "Shan Legal Aid Circle");
        b.put("country", "MM");
        b.putArray("sectors").add("15130");
        return b;
    }

    private Envelope append(Envelope e) {
        log.add(e);
        return e;
    }

    private Envelope sealedAt(long seq, ObjectNode record, boolean listed, Map<String, String> to) {
        return v2(seq, sealedBody(seq, record, listed, to, part -> {}));
    }

    /** As the origin seals: clear members out of {@code record}, the rest sealed at {@code seq}. */
    private ObjectNode sealedBody(
            long seq, ObjectNode record, boolean listed, Map<String, String> to, Consumer<ObjectNode> partChange) {
        ObjectNode clear = F.objectNode();
        ObjectNode part = record.deepCopy();
        for (String name : List.of("id", "name", "country")) {
            if (name.equals("id") || listed) {
                clear.set(name, part.remove(name));
            }
        }
        partChange.accept(part);
        SealIdentity identity = new SealIdentity(
                origin, seq, UpdateType.ORG_UPSERT, clear.get("id").asText());
        clear.set("sealed", Sealing.seal(part, identity, recipients(to), new LabelRandom(MM + "/" + seq)));
        return clear;
    }

    private Envelope v2(long seq, ObjectNode body) {
        return v2(seq, UpdateType.ORG_UPSERT, body);
    }

    private Envelope v2(long seq, UpdateType type, ObjectNode body) {
        String prev = log.size() >= seq - 1 ? log.get((int) seq - 2).hash() : EnvelopeVectors.WRONG_PREV;
        return Envelope.signV2(
                origin,
                seq,
                prev,
                minutes(10 * (int) seq),
                type,
                body,
                // Types other than org.upsert came later: their own labels leave the first cases' salts as they were.
                EnvelopeV2Vectors.salt("sealed/" + (type == UpdateType.ORG_UPSERT ? "" : type.wire() + "/") + seq),
                mm1);
    }

    private static Instant minutes(int m) {
        return START.plusSeconds(60L * m);
    }

    private void twins(Envelope e) {
        String base = MM + "/" + e.seq() + " sealed";
        invalidEnvelope(
                base + " — tampered: one byte of ct changed", changed(e, s -> flip(s, "ct")), "signature", "$.body");
        invalidEnvelope(
                base + " — tampered: the wrapped key of the first recipient changed",
                changed(e, s -> flip((ObjectNode) s.get("to").get(0), "ck")),
                "signature",
                "$.body");
        invalidEnvelope(
                base + " — tampered: a recipient added",
                changed(
                        e,
                        s -> ((ArrayNode) s.get("to"))
                                .add(((ObjectNode) s.get("to").get(0))
                                        .deepCopy()
                                        .put("hub", "ap-forum"))),
                "signature",
                "$.body");
    }

    private static void flip(ObjectNode o, String member) {
        byte[] b = Base64.getUrlDecoder().decode(o.get(member).asText());
        b[b.length / 2] ^= 1;
        o.put(member, Base64Url.encode(b));
    }

    private static String changed(Envelope e, Consumer<ObjectNode> sealedChange) {
        ObjectNode t = (ObjectNode) StrictJson.parse(e.canonicalBytes());
        sealedChange.accept((ObjectNode) t.get("body").get("sealed"));
        return CanonicalJson.canonicalString(t);
    }

    private void opens(String name, Envelope e, String reader, List<String> keys, ObjectNode record) {
        ObjectNode expected = F.objectNode().put("valid", true).put("read", "opened");
        expected.put("record", CanonicalJson.canonicalString(record));
        add(name, e.canonicalJson(), reader, keys, expected);
    }

    private void notRecipient(String name, Envelope e, String reader, List<String> keys) {
        ObjectNode expected = F.objectNode().put("valid", true).put("read", "not_recipient");
        ObjectNode clear = ((ObjectNode) e.body()).deepCopy();
        clear.remove("sealed");
        expected.put("record", CanonicalJson.canonicalString(clear));
        add(name, e.canonicalJson(), reader, keys, expected);
    }

    private void unreadable(String name, Envelope e, String reader, List<String> keys, String why, String path) {
        ObjectNode expected = F.objectNode().put("valid", true).put("read", why).put("path", path);
        add(name, e.canonicalJson(), reader, keys, expected);
    }

    private void invalidEnvelope(String name, String input, String error, String path) {
        add(
                name,
                input,
                "th-hub",
                List.of("th-hub/1"),
                F.objectNode().put("valid", false).put("error", error).put("path", path));
    }

    private void add(String name, String input, String reader, List<String> keys, ObjectNode expected) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("key", mm1.publicKey().keyId().value());
        c.put("reader", reader);
        ArrayNode readerKeys = c.putArray("reader_keys");
        keys.forEach(label -> readerKeys.add(encryption.get(label).keyId().value()));
        c.put("input", input);
        c.set("expected", expected);
    }

    /**
     * A reproducible stand-in for SecureRandom in the vectors only: SHA-256 of the label and a counter,
     * block after block. Never used to seal anything real.
     */
    static final class LabelRandom extends SecureRandom {
        private final String label;
        private int counter;

        LabelRandom(String label) {
            this.label = label;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i += 32) {
                byte[] block = VectorKeys.sha256((VectorKeys.LABEL_PREFIX + "random/" + label + "/" + counter++)
                        .getBytes(StandardCharsets.UTF_8));
                System.arraycopy(block, 0, bytes, i, Math.min(32, bytes.length - i));
            }
        }
    }
}
