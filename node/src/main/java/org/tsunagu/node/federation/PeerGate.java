package org.tsunagu.node.federation;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may spend a worker thread reading a peer request's body, and for how long. A request whose
 * signature (over its head) verified gets a slot of its class, pinned peers or strangers (any other
 * key, which anyone can make), before a byte of its body is read; with none free it is refused at once
 * (503), so slow uploads hold at most the slots, never the workers the health check, the directory and
 * the admin API run on. A body must arrive whole within the deadline (408 otherwise).
 */
final class PeerGate {
    private final Pool pinned;
    private final Pool strangers;
    private final int strangerPerAddress;
    private final ConcurrentHashMap<String, AtomicInteger> strangersByAddress = new ConcurrentHashMap<>();
    private final long deadlineNanos;

    PeerGate(PeerLimits limits) {
        this.pinned = new Pool(limits.bodySlots());
        this.strangers = new Pool(limits.strangerSlots());
        this.strangerPerAddress = limits.strangerSlotsPerAddress();
        this.deadlineNanos = limits.bodyDeadline().toNanos();
    }

    /** A slot held while a body is read and handled; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A slot for a request signed by a pinned key ({@code isPinned}) or by another key from {@code
     * address}; 503 problem when the class (or the address's share of it) is full.
     */
    Slot enter(boolean isPinned, String address) {
        if (isPinned) {
            if (!pinned.tryTake()) {
                throw busy();
            }
            return pinned::release;
        }
        String key = address == null ? "" : address;
        AtomicInteger mine = strangersByAddress.computeIfAbsent(key, a -> new AtomicInteger());
        if (mine.incrementAndGet() > strangerPerAddress) {
            releaseAddress(key);
            throw busy();
        }
        if (!strangers.tryTake()) {
            releaseAddress(key);
            throw busy();
        }
        return () -> {
            strangers.release();
            releaseAddress(key);
        };
    }

    private void releaseAddress(String key) {
        strangersByAddress.computeIfPresent(key, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static FederationException busy() {
        return new FederationException(503, "too many peer requests are being received; retry later");
    }

    /**
     * The body, at most {@code max} bytes, whole within the deadline: 413 problem beyond the size, 408
     * when it comes too slowly. One read waits at most the server's read timeout, so a client that stops
     * sending holds its slot for the deadline plus that timeout at most.
     */
    byte[] read(InputStream in, int max) {
        long deadline = System.nanoTime() + deadlineNanos;
        byte[] buffer = new byte[Math.min(max + 1, 64 * 1024)];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.min(max + 1, 8 * 1024));
        try {
            while (true) {
                if (System.nanoTime() - deadline > 0) {
                    throw new FederationException(408, "the request body arrived too slowly");
                }
                int n = in.read(buffer, 0, Math.min(buffer.length, max + 1 - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new FederationException(413, "the request body exceeds " + max + " bytes");
                }
            }
        } catch (IOException e) {
            throw new FederationException(400, "the request body could not be read");
        }
        if (System.nanoTime() - deadline > 0) {
            throw new FederationException(408, "the request body arrived too slowly");
        }
        return out.toByteArray();
    }

    /** Slots of one class. */
    private static final class Pool {
        private final int max;
        private final AtomicInteger used = new AtomicInteger();

        Pool(int max) {
            this.max = max;
        }

        boolean tryTake() {
            if (used.incrementAndGet() > max) {
                used.decrementAndGet();
                return false;
            }
            return true;
        }

        void release() {
            used.decrementAndGet();
        }
    }
}
