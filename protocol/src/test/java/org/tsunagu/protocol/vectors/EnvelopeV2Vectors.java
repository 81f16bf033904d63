package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Builds {@code envelopes-v2.json}: the log of {@code mm-hub}, which signs seq 1 in version 1 and
 * moves to version 2 at seq 2 (SPEC §11), publishes an organisation, erases it with {@code org.erase},
 * and is then served redacted. Every valid envelope comes after tampered twins; the redacted forms
 * still verify and chain, and a full copy of a redacted envelope is a duplicate.
 *
 * <p>Salts are derived from labels (SHA-256 of {@code tsunagu-vectors/salt/…}, first 16 bytes) so the
 * file is reproducible. As in {@link EnvelopeVectors}, every expected verdict is stated here from the
 * rules of SPEC.md.
 */
final class EnvelopeV2Vectors {
    static final String MM = "mm-hub";
    static final String ERASED_ID = "delta-women";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant START = Instant.parse("2026-12-01T03:00:00Z");

    final Ed25519KeyPair mm1 = VectorKeys.key("mm-hub/1");
    final Ed25519KeyPair stranger = VectorKeys.key("stranger");
    private final HubId origin = HubId.of(MM);
    /** The log as signed (full forms). */
    final List<Envelope> log = new ArrayList<>();

    private final ArrayNode cases = F.arrayNode();
    /** Held by the receiver before the next case: the forms it stores (full or redacted). */
    private final List<Envelope> held = new ArrayList<>();

    EnvelopeV2Vectors() {
        log.add(Envelope.sign(origin, 1, null, minutes(0), UpdateType.HUB_PROFILE, profile(), mm1));
        log.add(v2(2, UpdateType.ORG_UPSERT, publicRecord()));
        log.add(v2(3, UpdateType.ORG_UPSERT, atRiskRecord()));
        log.add(v2(4, UpdateType.ORG_ERASE, erase()));
    }

    static ObjectNode profile() {
        ObjectNode b = F.objectNode();
        b.put("hub", MM);
        b.put("name", "Myanmar Civil Society Hub");
        b.putObject("names").put("my", "မြန်မာ အရပ်ဘက်လူ့အဖွဲ့အစည်း ကွန်ရက်");
        b.put("country", "MM");
        b.put("url", "https://mm-hub.example/");
        return b;
    }

    static ObjectNode publicRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "yangon-relief");
        b.put("name", "ရန်ကုန် ကယ်ဆယ်ရေး အသင်း");
        b.putObject("names").put("en", "Yangon Relief Association");
        b.put("country", "MM");
        b.putArray("sectors").add("72010");
        return b;
    }

    /** The record that is later erased: its description and contact are what must disappear. */
    static ObjectNode atRiskRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", ERASED_ID);
        b.put("name", "Delta Women's Network");
        b.put("description", "Staff work underground in the Ayeyarwady delta.");
        b.put("country", "MM");
        b.put("email", "contact@delta-women.example");
        b.putArray("contacts").addObject().put("name", "Daw Khin").put("phone", "+95 9 123 456 789");
        return b;
    }

    static ObjectNode erase() {
        return F.objectNode().put("id", ERASED_ID).put("reason", "at risk: erase everywhere");
    }

    static byte[] salt(String label) {
        byte[] full = VectorKeys.sha256(("tsunagu-vectors/salt/" + label).getBytes(StandardCharsets.UTF_8));
        byte[] salt = new byte[Envelope.SALT_BYTES];
        System.arraycopy(full, 0, salt, 0, salt.length);
        return salt;
    }

    private static Instant minutes(int m) {
        return START.plusSeconds(60L * m);
    }

    private Envelope v2(long seq, UpdateType type, ObjectNode body) {
        return Envelope.signV2(
                origin,
                seq,
                log.get((int) seq - 2).hash(),
                minutes(10 * (int) seq),
                type,
                body,
                salt(MM + "/" + seq),
                mm1);
    }

    ArrayNode build() {
        invalid(
                "mm-hub/2 (version 2) at first contact, before seq 1",
                log.get(1).canonicalJson(),
                chain("gap", "$.seq"));
        valid("mm-hub/1 hub.profile, version 1", log.get(0), log.get(0));

        withTwins(2, b -> b.put("name", "Yangon Relief (forged)"), "name changed");
        withTwins(3, b -> b.put("email", "phish@evil.example"), "email changed");

        Envelope downgrade =
                Envelope.sign(origin, 4, log.get(2).hash(), minutes(40), UpdateType.ORG_REMOVE, removal(), mm1);
        invalid(
                "mm-hub/4 in version 1 after the log moved to version 2 (never back)",
                downgrade.canonicalJson(),
                chain("downgrade", "$.v"));
        invalid(
                "mm-hub/4 org.erase signed by a key that is not the origin's (only the origin erases)",
                Envelope.signV2(
                                origin,
                                4,
                                log.get(2).hash(),
                                minutes(40),
                                UpdateType.ORG_ERASE,
                                erase(),
                                salt("x"),
                                stranger)
                        .canonicalJson(),
                error("key", "$.key"));
        ObjectNode badErase = erase().put("contacts", "all");
        invalid(
                "mm-hub/4 org.erase with an unknown member",
                Envelope.signV2(
                                origin,
                                4,
                                log.get(2).hash(),
                                minutes(40),
                                UpdateType.ORG_ERASE,
                                badErase,
                                salt("y"),
                                mm1)
                        .canonicalJson(),
                error("body", "$.body.contacts"));
        withTwins(4, b -> b.put("id", "yangon-relief"), "erases another organisation");

        // After the erase, the receiver drops the bodies of seq 3 (and keeps seq 2, another record).
        held.set(2, log.get(2).redacted());
        duplicate("mm-hub/3 full form again after the receiver erased it (same hash: still erased)", log.get(2));
        duplicate("mm-hub/3 redacted form again", log.get(2).redacted());

        // A new receiver pulls the erased log from seq 1: the redacted envelope verifies and chains.
        held.clear();
        held.add(log.get(0));
        held.add(log.get(1));
        ObjectNode redactedTampered = tree(log.get(2).redacted());
        redactedTampered.put("ts", "2026-12-01T03:31:00Z");
        invalid(
                "mm-hub/3 redacted — tampered: ts changed",
                CanonicalJson.canonicalString(redactedTampered),
                error("signature", "$.sig"));
        ObjectNode halfRedacted = tree(log.get(2));
        halfRedacted.remove("salt");
        invalid(
                "mm-hub/3 with its body but without its salt",
                CanonicalJson.canonicalString(halfRedacted),
                error("malformed", "$.salt"));
        valid(
                "mm-hub/3 redacted (body and salt dropped by an erasure)",
                log.get(2).redacted(),
                log.get(2).redacted());
        valid("mm-hub/4 org.erase after a redacted seq 3", log.get(3), log.get(3));
        return cases;
    }

    private static ObjectNode removal() {
        return F.objectNode().put("id", ERASED_ID);
    }

    private static ObjectNode tree(Envelope e) {
        return (ObjectNode) StrictJson.parse(e.canonicalBytes());
    }

    private static String changed(Envelope e, Consumer<ObjectNode> change) {
        ObjectNode t = tree(e);
        change.accept(t);
        return CanonicalJson.canonicalString(t);
    }

    private void withTwins(long seq, Consumer<ObjectNode> bodyChange, String bodyChangeName) {
        Envelope e = log.get((int) seq - 1);
        String base = MM + "/" + seq + " " + e.type().wire();
        invalid(
                base + " — tampered: " + bodyChangeName + " (body no longer matches body_digest)",
                changed(e, t -> bodyChange.accept((ObjectNode) t.get("body"))),
                error("signature", "$.body"));
        invalid(
                base + " — tampered: salt replaced",
                changed(e, t -> t.put("salt", Base64Url.encode(salt("other")))),
                error("signature", "$.body"));
        ObjectNode otherBody = e.body().deepCopy();
        bodyChange.accept(otherBody);
        String otherDigest =
                Envelope.bodyDigest(CanonicalJson.canonicalize(otherBody), Base64Url.encode(salt("other")));
        invalid(
                base + " — tampered: body, salt and body_digest all replaced consistently",
                changed(e, t -> {
                    t.set("body", otherBody);
                    t.put("salt", Base64Url.encode(salt("other")));
                    t.put("body_digest", otherDigest);
                }),
                error("signature", "$.sig"));
        invalid(
                base + " — tampered: prev replaced",
                changed(e, t -> t.put("prev", EnvelopeVectors.WRONG_PREV)),
                error("signature", "$.sig"));
        invalid(base + " — tampered: v 2 → 1", changed(e, t -> t.put("v", 1)), error("malformed", "$.body_digest"));
        invalid(
                base + " — signed by a key that is not the origin's",
                Envelope.signV2(
                                origin,
                                seq,
                                e.prev(),
                                e.timestamp(),
                                e.type(),
                                e.body(),
                                salt(MM + "/" + seq),
                                stranger)
                        .canonicalJson(),
                error("key", "$.key"));
        invalid(
                base + " — signature of another envelope by the same key",
                changed(e, t -> t.put("sig", log.get((int) seq - 2).sig())),
                error("signature", "$.sig"));
        valid(base, e, e);
    }

    private void valid(String name, Envelope sent, Envelope stored) {
        add(name, sent.canonicalJson(), F.objectNode().put("valid", true).put("outcome", "append"));
        held.add(stored);
    }

    private void duplicate(String name, Envelope sent) {
        add(name, sent.canonicalJson(), F.objectNode().put("valid", true).put("outcome", "duplicate"));
    }

    private void invalid(String name, String input, ObjectNode expected) {
        add(name, input, expected);
    }

    private static ObjectNode error(String error, String path) {
        return F.objectNode().put("valid", false).put("error", error).put("path", path);
    }

    private static ObjectNode chain(String kind, String path) {
        return error("chain", path).put("chain", kind);
    }

    private void add(String name, String input, ObjectNode expected) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("origin", MM);
        ArrayNode heldHashes = c.putArray("held");
        held.forEach(h -> heldHashes.add(h.hash()));
        c.put("head_version", held.isEmpty() ? 0 : held.get(held.size() - 1).version());
        c.put("key", mm1.publicKey().keyId().value());
        c.put("input", input);
        if (!"malformed".equals(expected.path("error").asText())) {
            JsonNode tree = StrictJson.parse(input.getBytes(StandardCharsets.UTF_8));
            expected.put("canonical", CanonicalJson.canonicalString(tree));
            Envelope e = Envelope.parse(input);
            expected.put("redacted", e.isRedacted());
            expected.put("hashed", new String(e.redactedBytes(), StandardCharsets.UTF_8));
            expected.put("hash", e.hash());
        }
        c.set("expected", expected);
    }

    /** The {@code keys} member: the origin's key and the stranger's, as in {@code envelopes.json}. */
    ArrayNode keysJson() {
        return VectorKeys.json(List.of("mm-hub/1", "stranger"));
    }
}
