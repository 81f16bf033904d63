package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.node.directory.LocalRules;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.Bodies;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;
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
    private final SecureRandom random = new SecureRandom();
    private volatile Ed25519KeyPair key;
    // Deriving a KeyId validates the point (about the cost of a verify): do it once per key.
    private volatile KeyId keyId;
    /** Asked before anything is signed; throws to refuse (rollback protection, set by the node's assembly). */
    private volatile Runnable beforeSigning = () -> {};
    /** Set once this hub's log is seen at version 2 (SPEC §11: it never goes back). */
    private volatile boolean version2;

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
        return prepare(type, body, Math.max(type.sinceVersion(), version()));
    }

    /** As {@link #prepare(UpdateType, JsonNode)} under the rules of envelope {@code version}. */
    private Draft prepare(UpdateType type, JsonNode body, int version) {
        JsonNode normalized = BodyRules.normalize(Objects.requireNonNull(body, "body"));
        // Under the rules of the version it will be signed in: at least the first version that has the
        // type (org.erase exists only in version 2), and the log's (a version 2 profile names its
        // encryption key).
        BodyRules.validate(version, self, type, normalized, clock);
        return new Draft(type, normalized);
    }

    /**
     * Who may read a sealed {@code org.upsert} or {@code partnership.announce} (SPEC §6.10): {@code
     * listed} keeps name and country (a partnership: its kind) clear, unlisted only the id; each
     * recipient hub with the encryption key it is sealed to.
     */
    public record Audience(boolean listed, Map<HubId, EncryptionKeyId> recipients) {
        public Audience {
            recipients = Map.copyOf(recipients);
            if (recipients.isEmpty() || recipients.size() > Sealing.MAX_RECIPIENTS) {
                throw new IllegalArgumentException("1 to " + Sealing.MAX_RECIPIENTS + " recipients");
            }
        }
    }

    /**
     * As {@link #prepare} for an {@code org.upsert} sealed to {@code audience}: the whole {@code record}
     * is normalised and validated as a public one; it is sealed when published, since the sealed part
     * is bound to the envelope's seq ({@link SealIdentity}). The envelope is version 2 (a log at version
     * 1 moves to version 2 with it, as with {@code org.erase}).
     */
    public Draft prepareSealed(JsonNode record, Audience audience) {
        return prepareSealed(UpdateType.ORG_UPSERT, record, audience);
    }

    /**
     * As {@link #prepareSealed(JsonNode, Audience)} for {@code type}: {@code org.upsert}, or a {@code
     * partnership.announce} whose every party's hub is among the recipients (SPEC §6.5).
     *
     * @throws org.tsunagu.protocol.ValidationException for a bad body, or at {@code
     *     $.body.parties[i].hub} for a party hub the audience leaves out
     */
    public Draft prepareSealed(UpdateType type, JsonNode record, Audience audience) {
        Objects.requireNonNull(audience, "audience");
        // The whole record under version 1's rules: no sealed member of its own, nothing version 2 adds.
        Draft whole = prepare(type, record, Envelope.VERSION);
        // Checked now, before the writer: sealing at publish time cannot fail on the audience then.
        Bodies.requireRecipients(type, whole.body, audience.recipients().keySet());
        return new Draft(whole.type, whole.body, audience);
    }

    /**
     * Publishes a prepared body as the next envelope of this hub's log.
     *
     * @throws org.tsunagu.protocol.ValidationException if it refers to something this hub cannot act on
     */
    public Envelope publish(Draft draft) {
        return db.inTransaction(c -> {
            localRules.check(c, self, draft.type, draft.body);
            if (draft.audience != null) {
                return append(c, draft.type, seq -> sealed(seq, draft), key, keyId, Envelope.VERSION_2)
                        .envelope();
            }
            return append(c, draft.type, draft.body, key, keyId, Envelope.VERSION)
                    .envelope();
        });
    }

    /** The body of a sealed draft at {@code seq}: the clear members, and the rest in {@code sealed}. */
    private JsonNode sealed(long seq, Draft draft) {
        JsonNode clear = Bodies.seal(
                self, seq, draft.type, draft.body, draft.audience.listed(), draft.audience.recipients(), random);
        BodyRules.validate(Envelope.VERSION_2, self, draft.type, clear, clock);
        return clear;
    }

    /**
     * What an erasure did on this node: the {@code org.erase} signed, how many earlier envelopes of the
     * record were redacted, and how many version 1 envelopes keep their bodies (their signature covers
     * them, SPEC §6.9).
     */
    public record Erased(Envelope envelope, int redacted, int keptVersion1) {}

    /**
     * Signs an {@code org.erase} of this hub's organisation {@code id} (held, even if removed) and applies
     * it here: its earlier version 2 bodies are redacted in this log, it leaves the directory and the
     * search index. The erase is a version 2 envelope, so a log still at version 1 moves to version 2.
     * Call {@link Database#checkpoint()} after the transaction commits.
     *
     * @throws org.tsunagu.protocol.ValidationException at {@code $.body.id} if no such organisation
     */
    public Erased erase(String id, JsonNode reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", id);
        if (reason != null && !(reason.isTextual() && reason.textValue().isBlank())) {
            body.set("reason", reason); // validated with the body: text, or an error at $.body.reason
        }
        Draft draft = prepare(UpdateType.ORG_ERASE, body);
        return db.inTransaction(c -> {
            localRules.check(c, self, draft.type, draft.body);
            Appended a = append(c, draft.type, draft.body, key, keyId, Envelope.VERSION_2);
            return new Erased(
                    a.envelope(),
                    a.redacted(),
                    LogStore.version1Bodies(c, self, id, a.envelope().seq()));
        });
    }

    /**
     * Moves this hub's log to protocol version 2 (SPEC §11) by signing {@code profileBody} (the hub's
     * current {@code hub.profile}) as its first version 2 envelope; every later envelope is version 2
     * too, since the version of the head decides and a log never goes back.
     *
     * @return the version 2 profile, or empty when the log is already at version 2 (nothing signed)
     */
    public Optional<Envelope> moveToVersion2(JsonNode profileBody) {
        Draft draft = prepare(UpdateType.HUB_PROFILE, profileBody, Envelope.VERSION_2);
        return db.inTransaction(c -> {
            if (version(c) >= Envelope.VERSION_2) {
                return Optional.empty();
            }
            return Optional.of(append(c, draft.type, draft.body, key, keyId, Envelope.VERSION_2)
                    .envelope());
        });
    }

    /** The envelope version this hub signs in now: its head's (1 for an empty log). */
    public int version() {
        // A log never goes back a version: once seen at 2, no read is needed again (bulk publishes ask).
        if (version2) {
            return Envelope.VERSION_2;
        }
        int v = db.read(this::version);
        version2 = v >= Envelope.VERSION_2;
        return v;
    }

    private int version(Connection c) throws SQLException {
        return LogStore.head(c, self).map(LogChain.Head::version).orElse(Envelope.VERSION);
    }

    /** A body normalised and validated by {@link #prepare}; only this class can make one. */
    public static final class Draft {
        private final UpdateType type;
        private final JsonNode body;
        /** Null for a public body. */
        private final Audience audience;

        private Draft(UpdateType type, JsonNode body) {
            this(type, body, null);
        }

        private Draft(UpdateType type, JsonNode body, Audience audience) {
            this.type = type;
            this.body = body;
            this.audience = audience;
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
                Envelope e = append(c, UpdateType.KEY_ROTATE, body, previous, previousId, Envelope.VERSION)
                        .envelope();
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

    private record Appended(Envelope envelope, int redacted) {}

    private Appended append(
            Connection c, UpdateType type, JsonNode body, Ed25519KeyPair signer, KeyId signerId, int atLeast)
            throws SQLException {
        return append(c, type, seq -> body, signer, signerId, atLeast);
    }

    /** @param bodyAt the body for the seq assigned (a sealed body is bound to it) */
    private Appended append(
            Connection c,
            UpdateType type,
            LongFunction<JsonNode> bodyAt,
            Ed25519KeyPair signer,
            KeyId signerId,
            int atLeast)
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
        String prev = head.map(LogChain.Head::hash).orElse(null);
        JsonNode body = bodyAt.apply(seq);
        // A log never goes back a version (SPEC §11): once its head is version 2, so is every later
        // envelope; a type that exists only in version 2 (org.erase) moves the log there itself.
        int version = Math.max(
                Math.max(atLeast, type.sinceVersion()),
                head.map(LogChain.Head::version).orElse(Envelope.VERSION));
        Envelope e = version >= Envelope.VERSION_2
                // A fresh random salt per envelope (Envelope.signV2), so an erased body cannot be guessed.
                ? Envelope.signV2(self, seq, prev, now, type, body, signer)
                : Envelope.sign(self, seq, prev, now, type, body, signer);
        LogStore.append(c, e, now);
        if (type == UpdateType.ORG_ERASE) {
            // The origin's own copies go first: its feeds, exports and bundles stop carrying the bodies.
            Materializer.Page page = materializer.page();
            int redacted = Erasure.apply(c, e, page);
            page.finish(c);
            return new Appended(e, redacted);
        }
        materializer.apply(c, e);
        return new Appended(e, 0);
    }

    public HubId self() {
        return self;
    }

    public KeyId currentKey() {
        return keyId;
    }
}
