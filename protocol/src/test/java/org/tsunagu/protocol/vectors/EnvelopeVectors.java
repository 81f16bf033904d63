package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.TestPoints;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Builds {@code envelopes.json}: every valid envelope of the two logs in order, each preceded by its
 * tampered twins, and the chain cases (gap, prev mismatch, duplicate, equivocation, key in force).
 *
 * <p>The expected outcome of every case is stated here from the rules of SPEC.md, not read back from
 * the library: the conformance test then checks the library against it.
 */
final class EnvelopeVectors {
    static final String WRONG_PREV =
            Hashes.sha256("tsunagu-vectors/not-the-previous-envelope".getBytes(StandardCharsets.UTF_8));

    private final VectorChain chain;
    private final ArrayNode cases = JsonNodeFactory.instance.arrayNode();
    private final Map<VectorChain.Log, Integer> held = new HashMap<>();

    EnvelopeVectors(VectorChain chain) {
        this.chain = chain;
    }

    ArrayNode build() {
        VectorChain.Log jp = chain.janic;
        VectorChain.Log th = chain.ngo;
        VectorKeys keys = chain.keys;

        withTwins(jp, 1, b -> b.put("url", "https://janic.evil.example/"), "url changed");
        withTwins(jp, 2, b -> b.put("website", "https://evil.example/"), "website changed");
        invalid(
                "jp-janic/4 arrives while only seq 1–2 are held",
                jp,
                jp.get(4).canonicalJson(),
                chainError("gap", "$.seq"));
        invalid(
                "jp-janic seq 3, correctly signed, but prev names seq 1",
                jp,
                resign(jp, 3, jp.get(1).hash(), UpdateType.ORG_UPSERT, VectorBodies.lotusRecord(), keys.janic1),
                chainError("prev_mismatch", "$.prev"));
        withTwins(jp, 3, b -> b.put("visibility", "public"), "visibility limited → public");
        withTwins(jp, 4, b -> b.put("end_date", "2030-12-31"), "end_date changed");

        invalid(
                "th-ngocoord/2 at first contact, before seq 1",
                th,
                th.get(2).canonicalJson(),
                chainError("gap", "$.seq"));
        withTwins(th, 1, b -> b.put("country", "LA"), "country changed");
        withTwins(th, 2, b -> b.put("name", "อาสาสมัครลุ่มแม่โขง"), "name changed");
        withTwins(th, 3, b -> b.put("announcement", jp.get(3).hash()), "endorses another envelope");

        invalid(
                "jp-janic/5 key.rotate signed by the new key instead of the old one",
                jp,
                resign(jp, 5, jp.get(4).hash(), UpdateType.KEY_ROTATE, jp.get(5).body(), keys.janic2),
                error("key", "$.key"));
        withTwins(jp, 5, b -> b.put("new_key", keys.stranger.publicKey().keyId().value()), "new_key swapped");
        invalid(
                "jp-janic/6 signed by the retired key after the rotation",
                jp,
                resign(jp, 6, jp.get(5).hash(), UpdateType.ORG_UPSERT, jp.get(6).body(), keys.janic1),
                error("key", "$.key"));
        withTwins(jp, 6, b -> b.put("name", "さくら災害支援ネットワーク（偽）"), "name changed");
        withTwins(jp, 7, b -> b.put("id", "sakura-relief"), "removes another organisation");
        withTwins(jp, 8, b -> b.put("partnership", "th-ngocoord/other"), "retracts another partnership");

        duplicate("th-ngocoord/1 sent again, byte for byte", th, th.get(1).canonicalJson());
        duplicate(
                "jp-janic/2 sent again in another JSON form (member order, spacing, \\u escapes, 1.0, 2e0, 35.70890)",
                jp,
                VectorForms.reformatted(jp.get(2)));
        invalid(
                "jp-janic/2 with its body changed, after it is held (a forgery, not an equivocation)",
                jp,
                VectorForms.changed(jp.get(2), t -> VectorForms.body(t).put("email", "phish@evil.example")),
                error("signature", "$.sig"));
        invalid(
                "jp-janic signs a second, different seq 3",
                jp,
                resign(jp, 3, jp.get(2).hash(), UpdateType.ORG_UPSERT, VectorBodies.riverRecord(), keys.janic1),
                chainError("equivocation", "$.seq"));
        badBodies(jp);
        return cases;
    }

    /** Correctly signed next envelopes (jp-janic seq 9) whose bodies break their type's rules. */
    private void badBodies(VectorChain.Log jp) {
        ObjectNode decomposed = VectorBodies.riverRecord();
        decomposed.put("id", "nfd-text");
        decomposed.put("name", Normalizer.normalize("ベトナム・カフェ協会", Normalizer.Form.NFD));
        badBody(jp, "org.upsert with decomposed (NFD) text", UpdateType.ORG_UPSERT, decomposed, "$.body.name");
        ObjectNode exposed = VectorBodies.lotusRecord();
        exposed.put("email", "lotus@example.org");
        badBody(
                jp,
                "org.upsert of a limited record that carries an email",
                UpdateType.ORG_UPSERT,
                exposed,
                "$.body.email");
        badBody(
                jp,
                "hub.profile that names another hub",
                UpdateType.HUB_PROFILE,
                VectorBodies.ngoProfile(),
                "$.body.hub");
        ObjectNode outsider = VectorBodies.announcement();
        ObjectNode firstParty = (ObjectNode) outsider.get("parties").get(0);
        firstParty.put("organization", VectorBodies.NGO + "/another-org").put("hub", VectorBodies.NGO);
        badBody(
                jp,
                "partnership.announce in which the announcing hub is no party",
                UpdateType.PARTNERSHIP_ANNOUNCE,
                outsider,
                "$.body.parties");
        // URLs resolve "." and ".." away: a record with such an id could not be read or changed over HTTP.
        ObjectNode dot = VectorBodies.riverRecord();
        dot.put("id", ".");
        badBody(jp, "org.upsert whose id is .", UpdateType.ORG_UPSERT, dot, "$.body.id");
        ObjectNode dotDot = VectorBodies.announcement();
        dotDot.put("id", "..");
        badBody(jp, "partnership.announce whose id is ..", UpdateType.PARTNERSHIP_ANNOUNCE, dotDot, "$.body.id");
        ObjectNode extra = VectorBodies.removal();
        extra.put("extra", true);
        badBody(jp, "org.remove with an unknown member", UpdateType.ORG_REMOVE, extra, "$.body.extra");
        ObjectNode jpCor = VectorBodies.riverRecord();
        jpCor.put("country", "JP").putArray("identifiers").add("JP-COR-5011005001234");
        badBody(
                jp,
                "org.upsert with an identifier of a list that does not exist (JP-COR)",
                UpdateType.ORG_UPSERT,
                jpCor,
                "$.body.identifiers[0]");
        badBody(
                jp,
                "key.rotate to a small-order point",
                UpdateType.KEY_ROTATE,
                VectorBodies.rotation("ed25519:" + Base64Url.encode(TestPoints.neutral())),
                "$.body.new_key");
        byte[] newKey = chain.keys.janic2.publicKey().toBytes();
        badBody(
                jp,
                "key.rotate to a point outside the prime-order subgroup",
                UpdateType.KEY_ROTATE,
                VectorBodies.rotation("ed25519:" + Base64Url.encode(TestPoints.mixedOrder(newKey))),
                "$.body.new_key");
    }

    private void badBody(VectorChain.Log log, String name, UpdateType type, ObjectNode body, String path) {
        long next = log.envelopes.size() + 1;
        Envelope e = Envelope.sign(
                log.origin, next, log.get(next - 1).hash(), VectorChain.minutes(110), type, body, log.keyAt(next));
        invalid(
                log.origin + "/" + next + " " + type.wire() + " — " + name,
                log,
                e.canonicalJson(),
                error("body", path));
    }

    /** The twins of log seq {@code seq} (which must all fail), then the envelope itself (valid). */
    private void withTwins(VectorChain.Log log, long seq, Consumer<ObjectNode> bodyChange, String bodyChangeName) {
        Envelope e = log.get(seq);
        String base = log.origin + "/" + seq + " " + e.type().wire();
        VectorKeys keys = chain.keys;

        invalid(
                base + " — tampered: " + bodyChangeName,
                log,
                VectorForms.changed(e, t -> bodyChange.accept(VectorForms.body(t))),
                error("signature", "$.sig"));

        if (seq == 1) {
            invalid(
                    base + " — tampered: seq 1 → 2",
                    log,
                    VectorForms.changed(e, t -> t.put("seq", 2)),
                    error("malformed", "$.prev"));
            invalid(
                    base + " — tampered: prev set at seq 1",
                    log,
                    VectorForms.changed(e, t -> t.put("prev", WRONG_PREV)),
                    error("malformed", "$.prev"));
        } else {
            // An already-held seq: judged with the key in force there, which after a rotation is another
            // key. Seq 1 with a prev is no envelope at all.
            long earlier = seq - 1;
            ObjectNode expected = earlier == 1
                    ? error("malformed", "$.prev")
                    : log.keyAt(earlier).publicKey().equals(log.keyAt(seq).publicKey())
                            ? error("signature", "$.sig")
                            : error("key", "$.key");
            invalid(
                    base + " — tampered: seq " + seq + " → " + earlier,
                    log,
                    VectorForms.changed(e, t -> t.put("seq", earlier)),
                    expected);
            invalid(
                    base + " — tampered: prev replaced",
                    log,
                    VectorForms.changed(e, t -> t.put("prev", WRONG_PREV)),
                    error("signature", "$.sig"));
        }

        invalid(
                base + " — signed by a key that is not the origin's",
                log,
                resign(log, seq, e.prev(), e.type(), e.body(), keys.stranger),
                error("key", "$.key"));

        String otherSig = seq > 1
                ? log.get(seq - 1).sig()
                : Envelope.sign(log.origin, 1, null, e.timestamp().plusSeconds(1), e.type(), e.body(), log.keyAt(1))
                        .sig();
        invalid(
                base + " — signature of another envelope by the same key",
                log,
                VectorForms.changed(e, t -> t.put("sig", otherSig)),
                error("signature", "$.sig"));

        valid(base, log, e);
    }

    private String resign(
            VectorChain.Log log, long seq, String prev, UpdateType type, JsonNode body, Ed25519KeyPair key) {
        Envelope original = log.get(Math.min(seq, log.envelopes.size()));
        return Envelope.sign(log.origin, seq, prev, original.timestamp(), type, body, key)
                .canonicalJson();
    }

    private void valid(String name, VectorChain.Log log, Envelope e) {
        ObjectNode expected =
                JsonNodeFactory.instance.objectNode().put("valid", true).put("outcome", "append");
        add(name, log, e.canonicalJson(), expected);
        held.merge(log, 1, Integer::sum);
    }

    private void duplicate(String name, VectorChain.Log log, String input) {
        add(
                name,
                log,
                input,
                JsonNodeFactory.instance.objectNode().put("valid", true).put("outcome", "duplicate"));
    }

    private void invalid(String name, VectorChain.Log log, String input, ObjectNode expected) {
        add(name, log, input, expected);
    }

    private static ObjectNode error(String error, String path) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("valid", false)
                .put("error", error)
                .put("path", path);
    }

    private static ObjectNode chainError(String kind, String path) {
        return error("chain", path).put("chain", kind);
    }

    private void add(String name, VectorChain.Log log, String input, ObjectNode expected) {
        int count = held.getOrDefault(log, 0);
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("origin", log.origin.value());
        ArrayNode heldHashes = c.putArray("held");
        for (int i = 0; i < count; i++) {
            heldHashes.add(log.envelopes.get(i).hash());
        }
        long seq = StrictJson.parse(input.getBytes(StandardCharsets.UTF_8))
                .get("seq")
                .asLong();
        // The key in force at the envelope's seq; beyond the head (a gap) it is not known yet, and the
        // current key is given.
        c.put("key", log.keyAt(Math.min(seq, count + 1)).publicKey().keyId().value());
        c.put("input", input);
        if (!"malformed".equals(expected.path("error").asText())) {
            String canonical = CanonicalJson.canonicalString(StrictJson.parse(input.getBytes(StandardCharsets.UTF_8)));
            expected.put("canonical", canonical);
            expected.put("hash", Hashes.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        }
        c.set("expected", expected);
    }
}
