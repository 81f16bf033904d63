package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.MutableClock;
import org.tsunagu.protocol.KeyId;

class ReplayCacheTest {
    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private static final KeyId A = TestHub.keyPair(1).publicKey().keyId();
    private static final KeyId B = TestHub.keyPair(2).publicKey().keyId();

    private static byte[] sig(int n) {
        byte[] s = new byte[64];
        s[0] = (byte) n;
        return s;
    }

    @Test
    void record_sameSignatureTwice_replayThenReplayAgain() {
        ReplayCache cache = new ReplayCache(10, new MutableClock(T0));
        Instant until = T0.plusSeconds(360);
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(A, sig(1), until));
        assertEquals(ReplayCache.Outcome.REPLAY, cache.record(A, sig(1), until));
        assertEquals(ReplayCache.Outcome.REPLAY_AGAIN, cache.record(A, sig(1), until));
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(A, sig(2), until), "another signature");
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(B, sig(1), until), "same bytes, another key");
    }

    @Test
    void record_full_refusesNewUntilTheOldestCanNoLongerBeReplayed() {
        MutableClock clock = new MutableClock(T0);
        ReplayCache cache = new ReplayCache(2, clock);
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(A, sig(1), T0.plusSeconds(100)));
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(A, sig(2), T0.plusSeconds(50)));
        assertEquals(ReplayCache.Outcome.FULL, cache.record(A, sig(3), T0.plusSeconds(300)));
        // A full cache still recognises what it holds: nothing is evicted early.
        assertEquals(ReplayCache.Outcome.REPLAY, cache.record(A, sig(1), T0.plusSeconds(100)));
        clock.advance(Duration.ofSeconds(50));
        assertEquals(ReplayCache.Outcome.FULL, cache.record(A, sig(3), T0.plusSeconds(300)), "still acceptable at 50");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, cache.size(), "sig 2 forgotten once verification would refuse it");
        assertEquals(ReplayCache.Outcome.FIRST, cache.record(A, sig(3), T0.plusSeconds(300)));
        assertEquals(ReplayCache.Outcome.REPLAY, cache.record(A, sig(3), T0.plusSeconds(300)));
    }

    @Test
    void size_manySignaturesExpiring_neverAboveCapacity() {
        MutableClock clock = new MutableClock(T0);
        ReplayCache cache = new ReplayCache(1000, clock);
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] s = new byte[64];
            s[0] = (byte) i;
            s[1] = (byte) (i >> 8);
            if (cache.record(A, s, clock.instant().plusSeconds(360)) == ReplayCache.Outcome.FULL) {
                refused++;
            }
            clock.advance(Duration.ofMillis(500));
        }
        // 720 signatures are live at any time (360 s at two a second): none refused, memory bounded.
        assertEquals(0, refused);
        int held = cache.size();
        assertTrue(held >= 718 && held <= 722, "about 720 held: " + held);
    }
}
