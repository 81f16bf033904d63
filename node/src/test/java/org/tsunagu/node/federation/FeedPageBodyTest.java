package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Attack 4 (issue 10): a feed page is read as it arrives, so a peer serving huge pages is cut off at the
 * first bad line or at the byte budget, and never more than one line of it is held. A hostile peer here
 * is an endless body handed over in 16 KiB buffers, as the HTTP client does, only as fast as the reader
 * asks for them.
 */
class FeedPageBodyTest {
    private static final HubId ORIGIN = HubId.of("zz-huge");
    private static final int CHUNK = 16 * 1024;

    /** An endless body repeating {@code line}; counts what it handed over and whether it was cancelled. */
    private static final class EndlessPeer implements Flow.Subscription {
        private final byte[] line;
        private final FeedPageBody reader;
        private long offset;
        long handed;
        boolean cancelled;
        private boolean delivering;
        private long demand;

        EndlessPeer(String line, FeedPageBody reader) {
            this.line = line.getBytes(StandardCharsets.US_ASCII);
            this.reader = reader;
        }

        @Override
        public void request(long n) {
            demand += n;
            if (delivering) {
                return; // the loop below goes on
            }
            delivering = true;
            // Bounded, so a reader that never stops ends the test instead of hanging it (1 GiB).
            while (demand > 0 && !cancelled && handed < (1L << 30)) {
                demand--;
                byte[] chunk = new byte[CHUNK];
                for (int i = 0; i < CHUNK; i++) {
                    chunk[i] = line[(int) (offset++ % line.length)];
                }
                handed += CHUNK;
                reader.onNext(List.of(ByteBuffer.wrap(chunk)));
            }
            delivering = false;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static PeerException failure(FeedPageBody reader) {
        CompletionException e = assertThrows(
                CompletionException.class,
                () -> reader.getBody().toCompletableFuture().join());
        return assertInstanceOf(PeerException.class, e.getCause());
    }

    @Test
    void onNext_hugePageOfGarbageLines_refusedAtTheFirstLineWithoutReadingOn() {
        // The review's page: valid-JSON lines of 68 KiB that are no envelopes, 139 MB of them.
        FeedPageBody reader = new FeedPageBody("http://peer", ORIGIN, 2_000, 8L << 20);
        EndlessPeer peer = new EndlessPeer("{\"pad\":\"" + "x".repeat(68 * 1024 - 12) + "\"}\n", reader);
        reader.onSubscribe(peer);

        PeerException e = failure(reader);
        assertTrue(e.getMessage().contains("line 1 is malformed"), e.getMessage());
        assertTrue(peer.cancelled, "the exchange is cancelled");
        assertTrue(peer.handed <= 68 * 1024 + CHUNK, "read past the first line: " + peer.handed);
    }

    @Test
    void onNext_lineLongerThanAnyEnvelope_refusedBeforeItsEnd() {
        FeedPageBody reader = new FeedPageBody("http://peer", ORIGIN, 2_000, 8L << 20);
        EndlessPeer peer = new EndlessPeer("x", reader); // one line that never ends
        reader.onSubscribe(peer);

        PeerException e = failure(reader);
        assertTrue(e.getMessage().contains("line 1 is longer than any envelope"), e.getMessage());
        assertTrue(peer.cancelled);
        assertTrue(peer.handed <= FeedPageBody.MAX_LINE_BYTES + CHUNK, "read " + peer.handed);
    }

    @Test
    void onNext_validEnvelopesPastTheByteBudget_tooLargeAtTheBudget() {
        // Valid envelopes, endlessly: the page fails as too large (so the puller asks for fewer) as soon
        // as it passes the budget, not when the peer stops.
        Envelope e =
                FederationFixtures.orgAt(ORIGIN, 1, null, "o1", "Org", Ed25519KeyPair.generate(new SecureRandom()));
        long budget = 1L << 20;
        FeedPageBody reader = new FeedPageBody("http://peer", ORIGIN, 1_000_000, budget);
        EndlessPeer peer = new EndlessPeer(e.canonicalJson() + "\n", reader);
        reader.onSubscribe(peer);

        assertInstanceOf(PeerClient.TooLarge.class, failure(reader));
        assertTrue(peer.cancelled);
        assertTrue(peer.handed <= budget + CHUNK, "read " + peer.handed);
    }

    @Test
    void onNext_moreLinesThanAskedFor_refusedAtTheFirstOneOver() {
        Envelope e =
                FederationFixtures.orgAt(ORIGIN, 1, null, "o1", "Org", Ed25519KeyPair.generate(new SecureRandom()));
        FeedPageBody reader = new FeedPageBody("http://peer", ORIGIN, 3, 8L << 20);
        EndlessPeer peer = new EndlessPeer(e.canonicalJson() + "\n", reader);
        reader.onSubscribe(peer);

        PeerException failure = failure(reader);
        assertTrue(failure.getMessage().contains("more than 3 envelopes"), failure.getMessage());
        assertTrue(peer.cancelled);
    }

    @Test
    void onNext_pageSplitAnywhere_sameEnvelopesAsWhole() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        StringBuilder page = new StringBuilder();
        List<Envelope> log = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            Envelope e = FederationFixtures.orgAt(
                    ORIGIN, seq, log.isEmpty() ? null : log.get(log.size() - 1).hash(), "o" + seq, "Org " + seq, k);
            log.add(e);
            page.append(e.canonicalJson()).append(seq == 3 ? "\n\n" : "\n");
        }
        byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {1, 7, 100, bytes.length - 1}) {
            FeedPageBody reader = new FeedPageBody("http://peer", ORIGIN, 5, 8L << 20);
            reader.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            reader.onNext(List.of(ByteBuffer.wrap(bytes, 0, cut)));
            reader.onNext(List.of(ByteBuffer.wrap(bytes, cut, bytes.length - cut)));
            reader.onComplete();
            List<Envelope> read = reader.getBody().toCompletableFuture().join();
            assertEquals(log.size(), read.size(), "cut at " + cut);
            for (int i = 0; i < log.size(); i++) {
                assertEquals(log.get(i).hash(), read.get(i).hash(), "cut at " + cut);
            }
        }
        assertEquals(
                5, PeerClient.parseFeedPage(bytes, "http://peer", ORIGIN, 5).size());
    }
}
