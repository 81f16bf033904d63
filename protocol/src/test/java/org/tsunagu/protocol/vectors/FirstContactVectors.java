package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The first-contact vectors (SPEC §8): mm-hub's log, seq 1–6, rotates its key twice (at seq 3 and 5).
 * A node that meets mm-hub for the first time pins a key and verifies the log from seq 1; each case
 * gives the log as served (a prefix, or with one envelope replaced) and the pinned key.
 */
final class FirstContactVectors {
    static final String ORIGIN = "mm-hub";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    final Ed25519KeyPair k1 = VectorKeys.key(ORIGIN + "/1");
    final Ed25519KeyPair k2 = VectorKeys.key(ORIGIN + "/2");
    final Ed25519KeyPair k3 = VectorKeys.key(ORIGIN + "/3");
    private final List<Envelope> log = new ArrayList<>();

    FirstContactVectors() {
        HubId o = HubId.of(ORIGIN);
        ObjectNode profile = F.objectNode()
                .put("hub", ORIGIN)
                .put("name", "Myanmar NGO Network")
                .put("country", "MM");
        append(o, UpdateType.HUB_PROFILE, profile, k1);
        append(o, UpdateType.ORG_UPSERT, org("yangon-relief", "Yangon Relief"), k1);
        append(
                o,
                UpdateType.KEY_ROTATE,
                VectorBodies.rotation(k2.publicKey().keyId().value()),
                k1);
        append(o, UpdateType.ORG_UPSERT, org("mandalay-aid", "Mandalay Aid"), k2);
        append(
                o,
                UpdateType.KEY_ROTATE,
                VectorBodies.rotation(k3.publicKey().keyId().value()),
                k2);
        append(o, UpdateType.ORG_UPSERT, org("bago-water", "Bago Water"), k3);
    }

    private static ObjectNode org(String id, String name) {
        return F.objectNode().put("id", id).put("name", name).put("country", "MM");
    }

    private Envelope append(HubId o, UpdateType type, ObjectNode body, Ed25519KeyPair key) {
        String prev = log.isEmpty() ? null : log.get(log.size() - 1).hash();
        Envelope e =
                Envelope.sign(o, log.size() + 1, prev, VectorChain.minutes(200 + 10 * log.size()), type, body, key);
        log.add(e);
        return e;
    }

    ArrayNode keys() {
        ArrayNode keys = F.arrayNode();
        for (int i = 1; i <= 3; i++) {
            Ed25519KeyPair pair = List.of(k1, k2, k3).get(i - 1);
            keys.addObject()
                    .put("label", VectorKeys.LABEL_PREFIX + ORIGIN + "/" + i)
                    .put("seed_hex", HexFormat.of().formatHex(pair.seed()))
                    .put("key", pair.publicKey().keyId().value());
        }
        return keys;
    }

    ArrayNode build() {
        ArrayNode cases = F.arrayNode();
        add(cases, "rotated twice, current key pinned", log, k3, true, null);
        add(cases, "head is the second rotation, its new key pinned", log.subList(0, 5), k3, true, null);
        add(cases, "first key pinned after two rotations", log, k1, false, "key");
        add(cases, "middle key pinned after two rotations", log, k2, false, "key");
        add(cases, "served only up to seq 4, current key pinned", log.subList(0, 4), k3, false, "key");
        List<Envelope> oldKeyAfterRotation = new ArrayList<>(log.subList(0, 3));
        oldKeyAfterRotation.add(Envelope.sign(
                HubId.of(ORIGIN),
                4,
                log.get(2).hash(),
                VectorChain.minutes(230),
                UpdateType.ORG_UPSERT,
                org("mandalay-aid", "Mandalay Aid"),
                k1));
        oldKeyAfterRotation.addAll(log.subList(4, 6));
        add(cases, "seq 4 signed by the key rotated away at seq 3", oldKeyAfterRotation, k3, false, "key");
        add(cases, "log served from seq 2", log.subList(1, 6), k3, false, "chain");
        return cases;
    }

    private static void add(
            ArrayNode cases,
            String name,
            List<Envelope> envelopes,
            Ed25519KeyPair pinned,
            boolean valid,
            String error) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("pinned", pinned.publicKey().keyId().value());
        ArrayNode lines = c.putArray("log");
        envelopes.forEach(e -> lines.add(e.canonicalJson()));
        ObjectNode expected = c.putObject("expected");
        expected.put("valid", valid);
        if (error != null) {
            expected.put("error", error);
        }
    }
}
