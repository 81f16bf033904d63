package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.node.directory.LocalRules;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Writes this hub's own log: normalises and validates the body, assigns seq and prev, signs, appends
 * and materialises, all in one transaction. Concurrent callers are serialised by the database's single
 * writer, so a seq is never handed out twice. Calls made inside an outer
 * {@link Database#inTransaction} join it (bulk loads batch that way).
 */
public final class Publisher {
    private final Database db;
    private final HubId self;
    private final Clock clock;
    private final Materializer materializer;
    private final LocalRules localRules = new LocalRules();
    private volatile Ed25519KeyPair key;
    // Deriving a KeyId validates the point (about the cost of a verify): do it once per key.
    private volatile KeyId keyId;
    /** Asked before anything is signed; throws to refuse (rollback protection, set by the node's assembly). */
    private volatile Runnable beforeSigning = () -> {};

    public Publisher(Database db, HubId self, Ed25519KeyPair key, Clock clock) {
        this(db, self, key, clock, new Materializer());
    }

    public Publisher(Database db, HubId self, Ed25519KeyPair key, Clock clock, Materializer materializer) {
        this.db = Objects.requireNonNull(db, "db");
        this.self = Objects.requireNonNull(self, "self");
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = key.publicKey().keyId();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.materializer = Objects.requireNonNull(materializer, "materializer");
    }

    /**
     * Publishes {@code body} as the next envelope of this hub's log.
     *
     * @throws org.tsunagu.protocol.ValidationException with {@code $.body...} paths for a bad body, or
     *     one that refers to something this hub cannot act on (e.g. endorsing an unknown partnership)
     * @throws IllegalArgumentException for {@code key.rotate}: use {@link #rotateKey}
     */
    public Envelope publish(UpdateType type, JsonNode body) {
        return publish(prepare(type, body));
    }

    /**
     * The part of a publish that needs no writer: normalises and validates {@code body}. Writers that
     * serialise on one thread (group commit) call this on the request's thread first, so the single
     * writer only checks local references, signs and stores.
     *
     * @throws org.tsunagu.protocol.ValidationException with {@code $.body...} paths for a bad body
     * @throws IllegalArgumentException for {@code key.rotate}: use {@link #rotateKey}
     */
    public Draft prepare(UpdateType type, JsonNode body) {
        if (type == UpdateType.KEY_ROTATE) {
            throw new IllegalArgumentException("rotate keys with rotateKey, which also switches the signer");
        }
        JsonNode normalized = BodyRules.normalize(Objects.requireNonNull(body, "body"));
        BodyRules.validate(self, type, normalized, clock);
        return new Draft(type, normalized);
    }

    /**
     * Publishes a prepared body as the next envelope of this hub's log.
     *
     * @throws org.tsunagu.protocol.ValidationException if it refers to something this hub cannot act on
     */
    public Envelope publish(Draft draft) {
        return db.inTransaction(c -> {
            localRules.check(c, self, draft.type, draft.body);
            return append(c, draft.type, draft.body, key, keyId);
        });
    }

    /** A body normalised and validated by {@link #prepare}; only this class can make one. */
    public static final class Draft {
        private final UpdateType type;
        private final JsonNode body;

        private Draft(UpdateType type, JsonNode body) {
            this.type = type;
            this.body = body;
        }
    }

    /**
     * Publishes {@code key.rotate} naming {@code next}, signed by the current key; later envelopes are
     * signed by {@code next}. Store {@code next} durably BEFORE calling this: once it returns, only
     * {@code next} can extend the log.
     */
    public Envelope rotateKey(Ed25519KeyPair next) {
        Objects.requireNonNull(next, "next");
        KeyId nextId = next.publicKey().keyId();
        if (nextId.equals(currentKey())) {
            throw new IllegalArgumentException("the new key is the current key");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("new_key", nextId.value());
        BodyRules.validate(self, UpdateType.KEY_ROTATE, body, clock);
        Ed25519KeyPair previous = key;
        KeyId previousId = keyId;
        try {
            return db.inTransaction(c -> {
                Envelope e = append(c, UpdateType.KEY_ROTATE, body, previous, previousId);
                KeyRing.rotate(c, self, e.seq(), nextId, clock.instant());
                // Switch while still holding the writer: no later publish can sign with the old key.
                key = next;
                keyId = nextId;
                return e;
            });
        } catch (RuntimeException e) {
            key = previous;
            keyId = previousId;
            throw e;
        }
    }

    /**
     * Installs {@code check}, run before every envelope this publisher signs; whatever it throws refuses
     * the write (nothing is signed or stored).
     */
    public void guardWith(Runnable check) {
        this.beforeSigning = Objects.requireNonNull(check, "check");
    }

    private Envelope append(Connection c, UpdateType type, JsonNode body, Ed25519KeyPair signer, KeyId signerId)
            throws SQLException {
        beforeSigning.run();
        Instant now = clock.instant();
        Optional<LogChain.Head> head = LogStore.head(c, self);
        long seq = head.map(h -> h.seq() + 1).orElse(1L);
        Optional<String> pinned = KeyRing.keyFor(c, self, seq);
        if (pinned.isEmpty()) {
            KeyRing.pin(c, self, signerId, KeySource.LOCAL, now);
        } else if (!pinned.get().equals(signerId.value())) {
            throw new IllegalStateException("this node's key " + signerId + " is not the key pinned for " + self + " ("
                    + pinned.get() + "); was the key file replaced?");
        }
        Envelope e = Envelope.sign(self, seq, head.map(LogChain.Head::hash).orElse(null), now, type, body, signer);
        LogStore.append(c, e, now);
        materializer.apply(c, e);
        return e;
    }

    public HubId self() {
        return self;
    }

    public KeyId currentKey() {
        return keyId;
    }
}
