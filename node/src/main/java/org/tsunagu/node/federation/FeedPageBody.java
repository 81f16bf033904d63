package org.tsunagu.node.federation;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;

/**
 * Reads a feed page (NDJSON) as it arrives: each line is parsed into an envelope as soon as its newline
 * comes, and the page is refused at the first line that is malformed, longer than any envelope, or past
 * {@code limit}, or once the page passes its byte budget, with nothing more read (issue 10, attack 4).
 * Only the line being read is buffered, never the whole page, so a hostile peer serving huge pages costs
 * one line of memory, not the page budget: a buffered page used to cost about three times the budget in
 * short-lived byte arrays, which went straight to the old generation and made full collections stall
 * every request.
 */
final class FeedPageBody implements HttpResponse.BodySubscriber<List<Envelope>> {
    /**
     * The longest line an envelope can be: a canonical body of at most {@link Envelope#MAX_BODY_BYTES}
     * and the other members. A longer line is refused without reading it to its end.
     */
    static final int MAX_LINE_BYTES = Envelope.MAX_BODY_BYTES + 4096;

    private final String peer;
    private final HubId origin;
    private final int limit;
    private final long maxBytes;
    private final CompletableFuture<List<Envelope>> result = new CompletableFuture<>();
    private final List<Envelope> envelopes = new ArrayList<>();
    private byte[] line = new byte[8192];
    private int lineLength;
    private int lineNo;
    private long read;
    private Flow.Subscription subscription;

    /**
     * @param limit the most envelopes the page may hold (what was asked for)
     * @param maxBytes the page's byte budget: past it the page fails with {@link PeerClient.TooLarge}, so
     *     the caller can ask for fewer envelopes
     */
    FeedPageBody(String peer, HubId origin, int limit, long maxBytes) {
        this.peer = peer;
        this.origin = origin;
        this.limit = limit;
        this.maxBytes = maxBytes;
    }

    /**
     * A whole page already in memory, through the same checks (tests and the fuzz harness).
     *
     * @throws PeerException naming the line at fault
     */
    static List<Envelope> parse(byte[] body, String peer, HubId origin, int limit) {
        FeedPageBody page = new FeedPageBody(peer, origin, limit, Long.MAX_VALUE);
        page.accept(ByteBuffer.wrap(body));
        if (!page.result.isDone()) {
            page.finish();
        }
        try {
            return page.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (PeerException) e.getCause();
        }
    }

    @Override
    public CompletionStage<List<Envelope>> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            if (!accept(b)) {
                // Refused: the exchange (and its connection) ends here, nothing more is read.
                subscription.cancel();
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            finish();
        }
    }

    /** Takes one buffer's bytes; false once the page is refused. */
    private boolean accept(ByteBuffer b) {
        if (result.isDone()) {
            return false;
        }
        read += b.remaining();
        if (read > maxBytes) {
            return fail(new PeerClient.TooLarge(peer + " sent more than " + maxBytes + " bytes"));
        }
        while (b.hasRemaining()) {
            int start = b.position();
            int end = start;
            int stop = b.limit();
            while (end < stop && b.get(end) != '\n') {
                end++;
            }
            int n = end - start;
            if (lineLength + n > MAX_LINE_BYTES) {
                return fail(new PeerException(
                        peer + " feed " + origin + " line " + (lineNo + 1) + " is longer than any envelope ("
                                + MAX_LINE_BYTES + " bytes)",
                        0));
            }
            if (lineLength + n > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(lineLength + n, line.length * 2)));
            }
            b.get(line, lineLength, n);
            lineLength += n;
            if (end < stop) {
                b.get(); // the newline
                if (!endLine()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The line read so far is whole: parse it (blank lines are skipped). */
    private boolean endLine() {
        if (lineLength == 0) {
            return true;
        }
        lineNo++;
        if (lineNo > limit) {
            return fail(new PeerException(peer + " sent more than " + limit + " envelopes for limit " + limit, 0));
        }
        byte[] json = Arrays.copyOf(line, lineLength);
        lineLength = 0;
        try {
            envelopes.add(Envelope.parse(json));
            return true;
        } catch (ProtocolException e) {
            return fail(new PeerException(
                    peer + " feed " + origin + " line " + lineNo + " is malformed at " + e.path() + ": "
                            + e.getMessage(),
                    0));
        }
    }

    private void finish() {
        if (endLine()) {
            result.complete(envelopes);
        }
    }

    private boolean fail(PeerException e) {
        line = null;
        envelopes.clear();
        result.completeExceptionally(e);
        return false;
    }
}
