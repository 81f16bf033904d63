package org.tsunagu.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The chain rules of an origin's log (DESIGN §3): seq increases by exactly one, prev names the hash of
 * the envelope before, a copy of a held envelope is a harmless duplicate, and a different envelope at
 * a held seq is an equivocation.
 */
public final class LogChain {
    /** What to do with an envelope that fits. */
    public enum Outcome {
        /** The next one: append it. */
        APPEND,
        /** Already held, byte for byte: ignore it (idempotent). */
        DUPLICATE
    }

    /** The last envelope held of one origin, and its envelope version (a log never goes back a version). */
    public record Head(HubId origin, long seq, String hash, int version) {
        public Head {
            if (seq < 1) {
                throw new IllegalArgumentException("a head has seq >= 1");
            }
            if (version != Envelope.VERSION && version != Envelope.VERSION_2) {
                throw new IllegalArgumentException("unknown envelope version " + version);
            }
            Hashes.requireHash(hash, "$.hash");
        }

        /** A version 1 head. */
        public Head(HubId origin, long seq, String hash) {
            this(origin, seq, hash, Envelope.VERSION);
        }

        /** The head that {@code e} makes once appended. */
        public static Head of(Envelope e) {
            return new Head(e.origin(), e.seq(), e.hash(), e.version());
        }
    }

    private LogChain() {}

    /**
     * The envelopes of {@code batch} whose own signatures must be checked before {@link #vouchRuns} can
     * count the rest as verified (SPEC §7, "A run vouched for by its last envelope"): per origin, each
     * envelope that the batch does not follow with its chain successor under the same key. A page of one
     * origin and one key has one: its last envelope. A {@code key.rotate} always ends a run, since the
     * next envelope names the new key, so a rotation is never taken on the word of the key it introduces.
     */
    public static List<Envelope> runEnds(List<Envelope> batch) {
        Map<HubId, Envelope> previous = new HashMap<>();
        List<Envelope> ends = new ArrayList<>();
        for (Envelope e : batch) {
            Envelope p = previous.put(e.origin(), e);
            if (p != null && !continues(p, e)) {
                ends.add(p);
            }
        }
        ends.addAll(previous.values());
        return ends;
    }

    /**
     * Walks {@code batch} backwards, counting each envelope as verified when the next envelope of its
     * origin in the batch is verified and vouches for it ({@link Envelope#vouchFrom}). Call it once the
     * {@link #runEnds} are verified; an end that did not verify vouches for nothing, so its run is left
     * for checking one by one.
     *
     * @return how many envelopes were counted as verified this way
     */
    public static int vouchRuns(List<Envelope> batch) {
        Map<HubId, Envelope> next = new HashMap<>();
        int vouched = 0;
        for (int i = batch.size() - 1; i >= 0; i--) {
            Envelope e = batch.get(i);
            Envelope successor = next.put(e.origin(), e);
            if (successor != null && e.vouchFrom(successor)) {
                vouched++;
            }
        }
        return vouched;
    }

    private static boolean continues(Envelope e, Envelope successor) {
        return successor.seq() == e.seq() + 1
                && e.hash().equals(successor.prev())
                && e.key().equals(successor.key());
    }

    /**
     * Decides whether {@code e} extends the log whose last envelope is {@code head}.
     *
     * @param head the origin's head, or {@code null} when nothing of the origin is held
     * @param heldHashAt the hash of the held envelope at a seq ≤ head.seq (for duplicate detection)
     * @throws ChainException GAP, PREV_MISMATCH, EQUIVOCATION or DOWNGRADE
     */
    public static Outcome check(Head head, Envelope e, LongFunction<String> heldHashAt) {
        if (head != null && !head.origin().equals(e.origin())) {
            throw new IllegalArgumentException("head of " + head.origin() + " used for " + e.origin());
        }
        long expected = head == null ? 1 : head.seq() + 1;
        if (e.seq() > expected) {
            throw new ChainException(
                    ChainException.Kind.GAP,
                    "$.seq",
                    e.origin() + " seq " + e.seq() + " arrived but the next expected is " + expected);
        }
        if (e.seq() < expected) {
            String held = heldHashAt.apply(e.seq());
            if (e.hash().equals(held)) {
                return Outcome.DUPLICATE;
            }
            throw new ChainException(
                    ChainException.Kind.EQUIVOCATION,
                    "$.seq",
                    e.origin() + " signed two different envelopes at seq " + e.seq() + ": " + held + " and "
                            + e.hash());
        }
        if (head != null && e.version() < head.version()) {
            // A hub moves to a new version from one seq on and never back (SPEC §11).
            throw new ChainException(
                    ChainException.Kind.DOWNGRADE,
                    "$.v",
                    e.origin() + " seq " + e.seq() + " is version " + e.version() + " but its log is at version "
                            + head.version() + " since an earlier seq");
        }
        String expectedPrev = head == null ? null : head.hash();
        if (expectedPrev == null ? e.prev() != null : !expectedPrev.equals(e.prev())) {
            throw new ChainException(
                    ChainException.Kind.PREV_MISMATCH,
                    "$.prev",
                    e.origin() + " seq " + e.seq() + " names prev " + e.prev() + " but the held head is "
                            + expectedPrev);
        }
        return Outcome.APPEND;
    }
}
