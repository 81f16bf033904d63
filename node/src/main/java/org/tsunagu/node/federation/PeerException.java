package org.tsunagu.node.federation;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * A peer could not be reached or answered something unusable; the message names the peer and why. It
 * is also the one place that says what a "busy" answer asks of us (503 or 429, with or without
 * {@code Retry-After}), so pulls, pushes and an admin's follow retry the same way.
 */
public class PeerException extends RuntimeException {
    /** The longest {@code Retry-After} honoured: a peer cannot park our pushes or pulls for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final int status;
    private final Duration retryAfter;

    public PeerException(String message, int status) {
        this(message, status, null);
    }

    /** An answer with a status, and the wait its {@code Retry-After} asked for (null when none). */
    public PeerException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.retryAfter = null;
    }

    /** The HTTP status the peer answered, 0 when it did not answer. */
    public int status() {
        return status;
    }

    /**
     * The peer said it is busy (503: its request slots are taken, or it is not writable yet; 429: we
     * asked too often): worth asking again after a short wait, unlike a peer that failed otherwise.
     */
    public boolean busy() {
        return status == 503 || status == 429;
    }

    /** The wait the peer asked for with {@code Retry-After}, at most {@link #MAX_RETRY_AFTER}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** When to ask again: after {@code backoff}, or after the peer's {@code Retry-After} if that is longer. */
    public Duration nextTry(Duration backoff) {
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    /** The peer's answer behind {@code error} (a failed asynchronous request wraps it), if it is one. */
    static Optional<PeerException> in(Throwable error) {
        return PeerClient.cause(error) instanceof PeerException p ? Optional.of(p) : Optional.empty();
    }

    /**
     * {@code Retry-After} in delay-seconds (what Tsunagu nodes send), capped at {@link #MAX_RETRY_AFTER};
     * null when absent or not a number of seconds (an HTTP date is not trusted: clocks differ).
     */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::trim).orElse("");
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(value));
        return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }
}
