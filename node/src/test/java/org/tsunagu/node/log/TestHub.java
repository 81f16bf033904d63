package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** A remote hub for tests: signs a chain of envelopes without any database. */
public final class TestHub {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    public final HubId id;
    public Ed25519KeyPair key;
    private long seq;
    private String prev;

    public TestHub(String id, long seed) {
        this.id = HubId.of(id);
        this.key = keyPair(seed);
    }

    public static Ed25519KeyPair keyPair(long seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return Ed25519KeyPair.fromSeed(bytes);
    }

    /** The next envelope of this hub's chain. */
    /** The next envelope of this hub's log in version 2 (SPEC §5.2); from then on, sign only these. */
    public Envelope nextV2(UpdateType type, JsonNode body) {
        Envelope e = Envelope.signV2(id, ++seq, prev, T0.plusSeconds(seq), type, body, key);
        prev = e.hash();
        return e;
    }

    public Envelope next(UpdateType type, JsonNode body) {
        Envelope e = Envelope.sign(id, ++seq, prev, T0.plusSeconds(seq), type, body, key);
        prev = e.hash();
        return e;
    }

    public Envelope profile() {
        return next(
                UpdateType.HUB_PROFILE,
                json("{\"hub\":\"" + id + "\",\"name\":\"Hub " + id + "\",\"country\":\""
                        + id.value().substring(0, 2).toUpperCase(java.util.Locale.ROOT)
                        + "\",\"url\":\"https://" + id + ".example\"}"));
    }

    /** A key.rotate to {@code next}, signed by the current key; later envelopes use {@code next}. */
    public Envelope rotate(Ed25519KeyPair next) {
        ObjectNode body =
                JSON.createObjectNode().put("new_key", next.publicKey().keyId().value());
        Envelope e = next(UpdateType.KEY_ROTATE, body);
        key = next;
        return e;
    }

    /** Signs an envelope at an arbitrary seq/prev, for forks and gaps. */
    public Envelope at(long atSeq, String atPrev, UpdateType type, JsonNode body) {
        return Envelope.sign(id, atSeq, atPrev, T0.plusSeconds(atSeq), type, body, key);
    }

    public long seq() {
        return seq;
    }

    public String prev() {
        return prev;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode org(String id, String name, String country) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("country", country);
    }
}
