package org.tsunagu.node.federation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.tsunagu.protocol.KeyId;

/**
 * The signatures of peer requests accepted lately, so that each is accepted once (SPEC §10.2). An
 * Ed25519 signature identifies the request it signs (method, target URI, content digest, {@code
 * created}, nonce), so the key is the signer's key id and the signature bytes, not the header text: a
 * replay under another label or another base64 spelling is the same signature.
 *
 * <p>Bounded in time and in memory. A signature is remembered only until {@link
 * RequestSigning.Verified#acceptedUntil()} (at most about 7 minutes), after which verification refuses
 * it as stale anyway. At most {@code capacity} signatures are held (a 128-bit digest and an expiry,
 * about 120 bytes each). When every slot holds a signature that could still be replayed, a new
 * request is refused ({@link Outcome#FULL}, answered 503) rather than forgetting one early: evicting
 * would let that request be replayed, while refusing only delays senders, which retry with backoff.
 * The node keeps one cache for keys it has pinned and another for other keys, so a flood signed with
 * freshly made keys (anyone can make one) cannot fill the cache its peers use.
 */
final class ReplayCache {
    enum Outcome {
        /** Not seen before: now remembered. */
        FIRST,
        /** Seen before, reported here for the first time. */
        REPLAY,
        /** Seen before and already reported as a replay. */
        REPLAY_AGAIN,
        /** Not seen, but there is no room to remember it. */
        FULL
    }

    /** First 128 bits of SHA-256 over key id and signature: collisions are out of reach. */
    private record Digest(long high, long low) {}

    private static final class Entry {
        final Digest digest;
        final long until;
        boolean reported;

        Entry(Digest digest, long until) {
            this.digest = digest;
            this.until = until;
        }
    }

    private final int capacity;
    private final Clock clock;
    private final Map<Digest, Entry> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparingLong(e -> e.until));

    ReplayCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records a verified signature that stays acceptable until {@code acceptedUntil}; says if it is new. */
    synchronized Outcome record(KeyId signer, byte[] signature, Instant acceptedUntil) {
        long now = clock.instant().getEpochSecond();
        forgetExpired(now);
        Digest digest = digest(signer, signature);
        Entry known = seen.get(digest);
        if (known != null) {
            if (known.reported) {
                return Outcome.REPLAY_AGAIN;
            }
            known.reported = true;
            return Outcome.REPLAY;
        }
        if (seen.size() >= capacity) {
            return Outcome.FULL;
        }
        Entry e = new Entry(digest, acceptedUntil.getEpochSecond());
        seen.put(digest, e);
        byExpiry.add(e);
        return Outcome.FIRST;
    }

    /** Signatures held now (after forgetting those past their acceptance). */
    synchronized int size() {
        forgetExpired(clock.instant().getEpochSecond());
        return seen.size();
    }

    private void forgetExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().until < now) {
            seen.remove(byExpiry.poll().digest);
        }
    }

    private static Digest digest(KeyId signer, byte[] signature) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(signer.value().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            ByteBuffer d = ByteBuffer.wrap(sha.digest(signature));
            return new Digest(d.getLong(), d.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
