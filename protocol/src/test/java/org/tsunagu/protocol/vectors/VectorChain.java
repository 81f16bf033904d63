package org.tsunagu.protocol.vectors;

import static org.tsunagu.protocol.vectors.VectorBodies.JANIC;
import static org.tsunagu.protocol.vectors.VectorBodies.NGO;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The coherent logs behind the envelope vectors: jp-janic seq 1–8 (a key.rotate at seq 5, after
 * which the new key signs) and th-ngocoord seq 1–3 (endorsing jp-janic's announcement).
 */
final class VectorChain {
    static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

    /** One origin's log and the key in force at each seq. */
    static final class Log {
        final HubId origin;
        final List<Envelope> envelopes = new ArrayList<>();
        private final TreeMap<Long, Ed25519KeyPair> keyFrom = new TreeMap<>();

        Log(String origin, Ed25519KeyPair first) {
            this.origin = HubId.of(origin);
            keyFrom.put(1L, first);
        }

        Ed25519KeyPair keyAt(long seq) {
            return keyFrom.floorEntry(seq).getValue();
        }

        Envelope get(long seq) {
            return envelopes.get((int) seq - 1);
        }

        private Envelope append(Instant ts, UpdateType type, ObjectNode body) {
            long seq = envelopes.size() + 1;
            String prev = envelopes.isEmpty()
                    ? null
                    : envelopes.get(envelopes.size() - 1).hash();
            Envelope e = Envelope.sign(origin, seq, prev, ts, type, body, keyAt(seq));
            envelopes.add(e);
            return e;
        }
    }

    final VectorKeys keys;
    final Log janic;
    final Log ngo;

    VectorChain(VectorKeys keys) {
        this.keys = keys;
        janic = new Log(JANIC, keys.janic1);
        ngo = new Log(NGO, keys.ngo1);
        janic.append(minutes(0), UpdateType.HUB_PROFILE, VectorBodies.janicProfile());
        janic.append(minutes(10), UpdateType.ORG_UPSERT, VectorBodies.sakuraRecord());
        janic.append(minutes(20), UpdateType.ORG_UPSERT, VectorBodies.lotusRecord());
        Envelope announce = janic.append(minutes(30), UpdateType.PARTNERSHIP_ANNOUNCE, VectorBodies.announcement());
        ngo.append(minutes(40), UpdateType.HUB_PROFILE, VectorBodies.ngoProfile());
        ngo.append(minutes(50), UpdateType.ORG_UPSERT, VectorBodies.riverRecord());
        ngo.append(minutes(60), UpdateType.PARTNERSHIP_ENDORSE, VectorBodies.endorsement(announce.hash()));
        // A fractional second, so the vectors show that ts is signed exactly as written.
        Envelope rotate = janic.append(
                minutes(70).plusMillis(250),
                UpdateType.KEY_ROTATE,
                VectorBodies.rotation(keys.janic2.publicKey().keyId().value()));
        janic.keyFrom.put(rotate.seq() + 1, keys.janic2);
        janic.append(minutes(80), UpdateType.ORG_UPSERT, VectorBodies.sakuraRecordUpdated());
        janic.append(minutes(90), UpdateType.ORG_REMOVE, VectorBodies.removal());
        janic.append(minutes(100), UpdateType.PARTNERSHIP_RETRACT, VectorBodies.retraction());
    }

    static Instant minutes(int m) {
        return START.plusSeconds(60L * m);
    }
}
