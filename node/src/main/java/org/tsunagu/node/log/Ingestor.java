package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.StorageException;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.node.log.IngestReport.EnvelopeRef;
import org.tsunagu.node.log.IngestReport.Reason;
import org.tsunagu.node.log.IngestReport.Rejection;
import org.tsunagu.protocol.ChainException;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.KeyRotation;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/**
 * The one way envelopes of other origins enter this node (push, pull and offline bundles alike). For
 * each envelope: the key the key ring holds for that origin and seq, the signature, the chain, the
 * body; then append and materialise. The whole batch is one transaction.
 *
 * <p>The signature is checked before the chain, so only a validly signed envelope can be evidence of
 * an equivocation (nobody can halt an origin by forging one). After a gap or a rejection the rest of
 * that origin's envelopes in the batch are skipped: they cannot chain.
 */
public final class Ingestor {
    private final Database db;
    private final Clock clock;
    private final Predicate<HubId> mayLearnOrigin;
    private final Materializer materializer;
    private final Map<String, Ed25519PublicKey> decodedKeys = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 10_000;
    /** Below this, splitting a batch across threads costs more than it saves. */
    private static final int PARALLEL_FROM = 64;
    /** Daemon workers, one per core; idle ones end after a minute, so an idle node holds none. */
    private final ForkJoinPool verifiers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    /**
     * Envelopes (equal by hash, so by content) whose body {@link #preverify} found valid, with the year
     * the rules were applied for ({@code year_incorporated} depends on it). Checking bodies on the
     * verifier threads keeps about a sixth of the writer's per-envelope work off the one writer thread.
     * The writer takes an entry out when it applies the envelope; pages dropped before they are applied
     * leave theirs, so the memo is cleared when it grows past {@link #MAX_CHECKED_BODIES}.
     */
    private final Map<Envelope, Year> validBodies = new ConcurrentHashMap<>();

    private static final int MAX_CHECKED_BODIES = 50_000;

    private final LongAdder signatureChecks = new LongAdder();

    /**
     * @param mayLearnOrigin whether an unknown origin may be learned from its seq-1 {@code hub.profile}
     *     (trust on first sight, e.g. for a forum following a relay); {@code o -> false} = only pinned
     */
    public Ingestor(Database db, Clock clock, Predicate<HubId> mayLearnOrigin) {
        this(db, clock, mayLearnOrigin, new Materializer());
    }

    public Ingestor(Database db, Clock clock, Predicate<HubId> mayLearnOrigin, Materializer materializer) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mayLearnOrigin = Objects.requireNonNull(mayLearnOrigin, "mayLearnOrigin");
        this.materializer = Objects.requireNonNull(materializer, "materializer");
    }

    /**
     * Verifies and applies {@code batch} in one transaction. Signatures are checked first outside the
     * transaction (see {@link #preverify}), so concurrent callers verify in parallel and the writer
     * holds the lock only for the chain checks and the writes.
     */
    public IngestReport ingest(List<Envelope> batch) {
        // Issue 14 (speed): on every core, not one by one. A pushed batch (up to 500 envelopes) arrives
        // here unverified, and verifying it on the request thread alone was most of a live update's
        // delay; a pulled page was verified ahead, so this only reads its memo.
        preverify(batch);
        Run[] run = new Run[1];
        IngestReport report = db.inTransaction(c -> {
            run[0] = new Run(c, clock.instant());
            return run[0].all(batch);
        });
        if (run[0].erased) {
            // After the commit: the erased bodies leave the WAL as well as the database file.
            db.checkpoint();
        }
        return report;
    }

    /**
     * Checks the signatures of {@code batch} ahead of {@link #ingest}, on every core, outside the write
     * transaction: a pulled page is verified while the previous one is written. This only warms the
     * envelopes' memo of a successful check; the authoritative check in {@link #ingest} still compares
     * the key the key ring holds for that origin and seq, so a key named by an envelope is never
     * trusted here. Only keys this node already decoded for its key ring are used, so a hostile page
     * naming fresh keys costs no decoding; failures are left for {@link #ingest} to report.
     */
    public void preverify(List<Envelope> batch) {
        decodePinnedKeys(batch);
        // Issue 14 (speed): verifying every signature was most of a follower's CPU in a sync. Only the
        // last envelope of each run of one origin and one key is verified; its signature covers the
        // hash of the one before, and so on back (SPEC §7, "A run vouched for by its last envelope").
        // An end that does not verify vouches for nothing, and its run is verified one by one below.
        onVerifiers(LogChain.runEnds(batch), this::checkSignature);
        LogChain.vouchRuns(batch);
        onVerifiers(batch, this::preverifyOne);
    }

    private void onVerifiers(List<Envelope> envelopes, Consumer<Envelope> check) {
        if (envelopes.size() < PARALLEL_FROM) {
            envelopes.forEach(check);
            return;
        }
        verifiers.submit(() -> envelopes.parallelStream().forEach(check)).join();
    }

    /** Ed25519 checks made so far (envelopes vouched for by a chain successor are not checked). */
    public long signatureChecks() {
        return signatureChecks.sum();
    }

    /**
     * Decodes the key the key ring holds for the first envelope of each origin in {@code batch}, when it
     * is the key that envelope names and is not decoded yet. Without this, the first page after a restart
     * (a catch-up) was verified one envelope at a time by the writer. One read per origin not decoded
     * yet; a key the ring does not hold for that seq is never decoded, whatever a page names.
     */
    private void decodePinnedKeys(List<Envelope> batch) {
        Map<HubId, Envelope> first = new HashMap<>();
        for (Envelope e : batch) {
            if (!decodedKeys.containsKey(e.key().value())) {
                first.putIfAbsent(e.origin(), e);
            }
        }
        if (first.isEmpty()) {
            return;
        }
        for (Envelope e : first.values()) {
            if (decodedKeys.containsKey(e.key().value())) {
                continue;
            }
            Optional<String> pinned = db.read(c -> KeyRing.keyFor(c, e.origin(), e.seq()));
            if (pinned.isPresent() && pinned.get().equals(e.key().value())) {
                try {
                    publicKey(pinned.get());
                } catch (RuntimeException invalid) {
                    // A key that does not decode is reported by the check inside the transaction.
                }
            }
        }
    }

    /** Verifies {@code e} with the key it names when that key is decoded already; false otherwise. */
    private boolean checkSignature(Envelope e) {
        Ed25519PublicKey k = decodedKeys.get(e.key().value());
        if (k == null) {
            return false;
        }
        try {
            verify(e, k);
            return true;
        } catch (InvalidSignatureException ignored) {
            return false; // reported by the check inside the transaction, with the origin's key
        }
    }

    private void preverifyOne(Envelope e) {
        if (!checkSignature(e) || e.isRedacted() || validBodies.containsKey(e)) {
            return;
        }
        Year year = Year.now(clock);
        try {
            BodyRules.validate(e.version(), e.origin(), e.type(), e.body(), clock);
        } catch (ValidationException ignored) {
            return; // reported by the check inside the transaction, with its path
        }
        if (validBodies.size() >= MAX_CHECKED_BODIES) {
            validBodies.clear();
        }
        validBodies.put(e, year);
    }

    /** The one place a signature is checked here, counted unless a check or the chain has settled it. */
    private void verify(Envelope e, Ed25519PublicKey k) {
        if (!e.isVerifiedWith(k)) {
            signatureChecks.increment();
        }
        e.verifySignature(k);
    }

    /**
     * Checks {@code e}'s body, unless {@link #preverify} found this very content valid for the current
     * year. Only called once the signature verified with the origin's key.
     */
    private void validateBody(Envelope e, Year thisYear) {
        Year checked = validBodies.remove(e);
        if (checked != null && checked.equals(thisYear)) {
            return;
        }
        BodyRules.validate(e.version(), e.origin(), e.type(), e.body(), clock);
    }

    /** The state of one batch. */
    private final class Run {
        private final Connection c;
        private final Instant now;
        private final Set<HubId> stopped = new HashSet<>();
        private final List<EnvelopeRef> accepted = new ArrayList<>();
        private final List<EnvelopeRef> duplicates = new ArrayList<>();
        private final List<Rejection> rejected = new ArrayList<>();
        private final List<IngestReport.Gap> gaps = new ArrayList<>();
        private final List<IngestReport.Equivocation> equivocations = new ArrayList<>();
        private final List<EnvelopeRef> skipped = new ArrayList<>();
        // Per-origin reads kept for the batch (one transaction: nothing else writes meanwhile), so a
        // page of one origin costs one lookup each, not one per envelope.
        private final Map<HubId, Optional<LogChain.Head>> heads = new HashMap<>();
        /**
         * Per origin, the last envelope appended by this batch: its head row is written once, at the end
         * of {@link #all}, not once per envelope (nothing in the batch reads it back: {@link #heads}).
         */
        private final Map<HubId, Envelope> appended = new LinkedHashMap<>();

        private final String received;
        /** The year {@link #validateBody} compares with, read once per batch, not once per envelope. */
        private final Year year;

        private final Map<HubId, String> nextKeys = new HashMap<>();
        private final Set<HubId> checkedNotHalted = new HashSet<>();
        /** Per origin, the erases kept beyond a gap: erased id to the erase's seq (read once per batch). */
        private final Map<HubId, Map<String, Long>> pending = new HashMap<>();
        /** Whether an org.erase was applied: the WAL is checkpointed after the commit. */
        private boolean erased;
        /** The batch's directory writes; what it holds back is written at the end of {@link #all}. */
        private final Materializer.Page page = materializer.page();

        Run(Connection c, Instant now) {
            this.c = c;
            this.now = now;
            this.received = now.toString();
            this.year = Year.now(clock);
        }

        IngestReport all(List<Envelope> batch) throws SQLException {
            for (Envelope e : batch) {
                if (stopped.contains(e.origin())) {
                    skipped.add(ref(e));
                } else {
                    one(e);
                }
            }
            page.finish(c);
            for (Envelope last : appended.values()) {
                LogStore.moveHead(c, last, received);
            }
            return new IngestReport(accepted, duplicates, rejected, gaps, equivocations, skipped);
        }

        private void one(Envelope e) throws SQLException {
            HubId origin = e.origin();
            if (!checkedNotHalted.contains(origin)) {
                if (Blocks.isBlocked(c, origin)) {
                    reject(e, Reason.ORIGIN_BLOCKED, "$.origin", origin + " is blocked by this node's admin");
                    return;
                }
                if (AlertStore.isHalted(c, origin)) {
                    reject(e, Reason.ORIGIN_HALTED, "$.origin", origin + " is halted after an equivocation");
                    return;
                }
                checkedNotHalted.add(origin);
            }
            Optional<LogChain.Head> head = head(origin);
            long next = head.map(h -> h.seq() + 1).orElse(1L);
            Optional<String> key = e.seq() == next && nextKeys.containsKey(origin)
                    ? Optional.of(nextKeys.get(origin))
                    : KeyRing.keyFor(c, origin, e.seq());
            boolean learning = false;
            if (key.isEmpty()) {
                if (KeyRing.currentKey(c, origin).isPresent()) {
                    reject(e, Reason.BAD_SIGNATURE, "$.key", "no key of " + origin + " is known for seq " + e.seq());
                    return;
                }
                if (e.seq() != 1 || e.type() != UpdateType.HUB_PROFILE || !mayLearnOrigin.test(origin)) {
                    reject(e, Reason.UNKNOWN_ORIGIN, "$.origin", origin + " is not a hub this node follows");
                    return;
                }
                key = Optional.of(e.key().value());
                learning = true;
            }
            try {
                verify(e, publicKey(key.get()));
            } catch (InvalidSignatureException ex) {
                reject(e, Reason.BAD_SIGNATURE, ex.path(), ex.getMessage());
                return;
            }
            LogChain.Outcome outcome;
            try {
                outcome = LogChain.check(head.orElse(null), e, seq -> heldHash(origin, seq));
            } catch (ChainException ex) {
                chainFault(e, ex);
                return;
            }
            if (outcome == LogChain.Outcome.DUPLICATE) {
                validBodies.remove(e);
                duplicates.add(ref(e));
                return;
            }
            if (!e.isRedacted()) {
                try {
                    validateBody(e, year);
                } catch (ValidationException ex) {
                    reject(e, Reason.INVALID_BODY, ex.path(), ex.getMessage());
                    return;
                }
            }
            if (learning) {
                KeyRing.pin(c, origin, e.key(), KeySource.LEARNED_FROM_PROFILE, now);
            }
            if (!e.isRedacted() && e.version() >= Envelope.VERSION_2 && erasedAhead(e)) {
                // An org.erase further on was kept while this gap was open: the body is never stored.
                e = e.redacted();
            }
            LogStore.appendOnly(c, e, received);
            appended.put(origin, e);
            heads.put(origin, Optional.of(LogChain.Head.of(e)));
            if (e.isRedacted()) {
                // Erased before it reached this node: nothing to apply (a later org.upsert brings it back).
                nextKeys.put(origin, key.get());
                accepted.add(ref(e));
                return;
            }
            if (e.type() == UpdateType.KEY_ROTATE) {
                KeyRing.rotate(
                        c, origin, e.seq(), KeyRotation.fromBody(e.body()).newKey(), now);
                nextKeys.remove(origin);
            } else {
                // No rotation at this seq: the key that signed it signs the next one too.
                nextKeys.put(origin, key.get());
            }
            if (e.type() == UpdateType.ORG_ERASE) {
                Erasure.apply(c, e, page);
                PendingErasures.applied(c, e);
                pending.remove(origin);
                erased = true;
            } else {
                page.apply(c, e);
            }
            accepted.add(ref(e));
        }

        private Optional<LogChain.Head> head(HubId origin) throws SQLException {
            Optional<LogChain.Head> head = heads.get(origin);
            if (head == null) {
                head = LogStore.head(c, origin);
                heads.put(origin, head);
            }
            return head;
        }

        private void chainFault(Envelope e, ChainException ex) throws SQLException {
            switch (ex.kind()) {
                case GAP -> {
                    long expected = head(e.origin()).map(h -> h.seq() + 1).orElse(1L);
                    gaps.add(new IngestReport.Gap(e.origin(), expected, e.seq()));
                    if (!keepErase(e)) {
                        stopped.add(e.origin());
                    }
                    // A kept erase was sent ahead of the backlog (Pusher): what follows it in the batch
                    // is that backlog, in order, and is judged as usual.
                }
                case PREV_MISMATCH, DOWNGRADE -> reject(e, Reason.PREV_MISMATCH, ex.path(), ex.getMessage());
                case EQUIVOCATION -> {
                    String held = LogStore.envelopeTextAt(c, e.origin(), e.seq());
                    AlertStore.recordEquivocation(c, e.origin(), e.seq(), held, e, now);
                    equivocations.add(new IngestReport.Equivocation(
                            e.origin(), e.seq(), LogStore.hashAt(c, e.origin(), e.seq()), e.hash()));
                    stopped.add(e.origin());
                }
            }
        }

        /**
         * SPEC §6.9: an {@code org.erase} beyond a gap, whose signature verified with the key in force
         * after the head, is kept until the gap is filled (a body that breaks the rules is not).
         *
         * @return whether it was kept
         */
        private boolean keepErase(Envelope e) throws SQLException {
            if (e.type() != UpdateType.ORG_ERASE || e.isRedacted()) {
                return false;
            }
            try {
                BodyRules.validate(e.version(), e.origin(), e.type(), e.body(), clock);
            } catch (ValidationException ex) {
                return false;
            }
            PendingErasures.keep(c, e, now);
            pending.remove(e.origin());
            return true;
        }

        /** Whether an org.erase kept beyond a gap covers {@code e} (same record, earlier seq). */
        private boolean erasedAhead(Envelope e) throws SQLException {
            if (e.type() != UpdateType.ORG_UPSERT && e.type() != UpdateType.ORG_REMOVE) {
                return false;
            }
            Map<String, Long> erases = pending.get(e.origin());
            if (erases == null) {
                erases = PendingErasures.of(c, e.origin());
                pending.put(e.origin(), erases);
            }
            Long at = erases.get(e.body().path("id").asText());
            return at != null && at > e.seq();
        }

        private String heldHash(HubId origin, long seq) {
            try {
                return LogStore.hashAt(c, origin, seq);
            } catch (SQLException ex) {
                throw new StorageException("cannot read the log of " + origin, ex);
            }
        }

        private void reject(Envelope e, Reason reason, String path, String message) {
            rejected.add(new Rejection(e.origin(), e.seq(), e.hash(), reason, path, message));
            stopped.add(e.origin());
        }
    }

    /**
     * Cuts {@code origin}'s log back to {@code keepUpTo} and rebuilds its directory records from what is
     * kept (see {@link LogRollback}); with {@code forgetKeys} its keys are forgotten too.
     */
    public void rollBack(HubId origin, long keepUpTo, boolean forgetKeys) {
        db.inTransaction(c -> {
            LogRollback.truncate(c, origin, keepUpTo, materializer, forgetKeys);
            return null;
        });
    }

    /**
     * Resumes a halted origin on the branch of the envelope whose hash is {@code keep} (see {@link
     * Halts}); when that is the envelope not held, it is judged and applied like any envelope.
     *
     * @return false when {@code keep} is not an envelope of {@code origin}'s evidence (nothing changed)
     */
    public boolean resumeHalted(HubId origin, String keep) {
        Optional<Halts.Resumed> r = db.inTransaction(c -> Halts.resume(c, origin, keep, clock.instant(), materializer));
        if (r.isEmpty()) {
            return false;
        }
        r.get().reapply().ifPresent(e -> ingest(List.of(e)));
        return true;
    }

    /** Blocks {@code hub}: its records leave the directory; with {@code purge} its log and keys go too. */
    public void block(HubId hub, String reason, boolean purge) {
        db.inTransaction(c -> {
            Blocks.block(c, hub, reason, purge, clock.instant(), materializer);
            return null;
        });
    }

    /** Lifts a block; the records of the log still held come back. False when it was not blocked. */
    public boolean unblock(HubId hub) {
        return db.inTransaction(c -> Blocks.unblock(c, hub, materializer));
    }

    /** Every block, by hub: hub id, reason, whether the log was purged, when. */
    public List<Blocks.Block> blocks() {
        return db.read(Blocks::list);
    }

    public boolean isBlocked(HubId hub) {
        return db.read(c -> Blocks.isBlocked(c, hub));
    }

    /** Decoded keys by id: decoding validates the point, which costs about as much as a verify. */
    private Ed25519PublicKey publicKey(String keyId) {
        Ed25519PublicKey k = decodedKeys.get(keyId);
        if (k == null) {
            k = new KeyId(keyId).publicKey();
            if (decodedKeys.size() > MAX_CACHED_KEYS) {
                decodedKeys.clear();
            }
            decodedKeys.put(keyId, k);
        }
        return k;
    }

    private static EnvelopeRef ref(Envelope e) {
        return new EnvelopeRef(e.origin(), e.seq(), e.hash());
    }
}
