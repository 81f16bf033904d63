package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a busy answer asks of us: the one rule pulls, pushes and an admin's follow share. */
class PeerExceptionTest {
    private static Duration retryAfter(String value) {
        return PeerException.retryAfter(HttpHeaders.of(Map.of("Retry-After", List.of(value)), (a, b) -> true));
    }

    @Test
    void retryAfter_secondsTaken_capped_datesAndGarbageIgnored() {
        assertEquals(Duration.ofSeconds(7), retryAfter("7"));
        assertEquals(Duration.ofSeconds(7), retryAfter(" 7 "));
        assertEquals(PeerException.MAX_RETRY_AFTER, retryAfter("86400"));
        assertEquals(PeerException.MAX_RETRY_AFTER, retryAfter("999999999"));
        assertNull(retryAfter("9999999999999999999999"), "no overflow");
        assertNull(retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertNull(retryAfter("-1"));
        assertNull(retryAfter("1.5"));
        assertNull(retryAfter(""));
        assertNull(PeerException.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true)));
    }

    @Test
    void nextTry_theLongerOfBackoffAndRetryAfter_busyOnlyFor503And429() {
        PeerException slowDown = new PeerException("busy", 429, Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(3), slowDown.nextTry(Duration.ofMillis(50)));
        assertEquals(Duration.ofSeconds(10), slowDown.nextTry(Duration.ofSeconds(10)));
        assertEquals(Duration.ofMillis(50), new PeerException("busy", 503).nextTry(Duration.ofMillis(50)));
        assertTrue(slowDown.busy());
        assertTrue(new PeerException("busy", 503).busy());
        assertFalse(new PeerException("broken", 500).busy());
        assertFalse(new PeerException("down", new java.io.IOException("refused")).busy());
    }
}
