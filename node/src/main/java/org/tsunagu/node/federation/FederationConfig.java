package org.tsunagu.node.federation;

import java.time.Duration;
import java.util.function.Supplier;
import org.tsunagu.protocol.HubId;

/**
 * Federation settings. {@link #defaults} suits a hub; tests shorten the intervals.
 *
 * @param publicUrl this node's public base URL (known only after the server bound its port)
 * @param autoAcceptPinned subscription requests from a pinned peer signed with its pinned key are
 *     active at once; all others wait for an admin
 * @param learnOrigins a third-party origin relayed by a peer is trusted on first sight of its seq-1
 *     {@code hub.profile} (its key is pinned as learned); when false, only origins pinned beforehand
 *     (by an admin adding them as peers) are accepted
 */
public record FederationConfig(
        HubId self,
        Supplier<String> publicUrl,
        Duration pullInterval,
        Duration pushPollInterval,
        int pushBatch,
        int pullPage,
        int inboxMaxBytes,
        int inboxMaxEnvelopes,
        Backoff backoff,
        int breakerThreshold,
        Duration breakerOpenFor,
        Duration requestTimeout,
        boolean autoAcceptPinned,
        boolean learnOrigins,
        PeerLimits limits) {
    public FederationConfig {
        java.util.Objects.requireNonNull(limits, "limits");
        if (pushBatch < 1 || pullPage < 1 || inboxMaxEnvelopes < pushBatch || inboxMaxBytes < 1) {
            throw new IllegalArgumentException("batch sizes must be positive and a push must fit an inbox");
        }
    }

    public static FederationConfig defaults(HubId self, Supplier<String> publicUrl) {
        return new FederationConfig(
                self,
                publicUrl,
                Duration.ofMinutes(5),
                Duration.ofMillis(250),
                1000,
                1000,
                (int) org.tsunagu.node.http.ApiServer.INBOX_BODY_LIMIT,
                1000,
                Backoff.standard(),
                5,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                true,
                true,
                PeerLimits.defaults());
    }

    /** Short intervals for tests and demos on one machine. */
    public FederationConfig quick() {
        return new FederationConfig(
                self,
                publicUrl,
                Duration.ofSeconds(2),
                Duration.ofMillis(20),
                pushBatch,
                pullPage,
                inboxMaxBytes,
                inboxMaxEnvelopes,
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                autoAcceptPinned,
                learnOrigins,
                limits);
    }

    /**
     * The same with other peer-facing settings: the pull interval, the timeout of each request to a
     * peer, whether pinned peers' subscriptions are accepted without an admin, and the origin policy.
     */
    public FederationConfig with(Duration pullEvery, Duration timeout, boolean autoAccept, boolean learn) {
        return new FederationConfig(
                self,
                publicUrl,
                pullEvery,
                pushPollInterval,
                pushBatch,
                pullPage,
                inboxMaxBytes,
                inboxMaxEnvelopes,
                backoff,
                breakerThreshold,
                breakerOpenFor,
                timeout,
                autoAccept,
                learn,
                limits);
    }

    /** The same with other limits on what peers and strangers may cost. */
    public FederationConfig withLimits(PeerLimits peerLimits) {
        return new FederationConfig(
                self,
                publicUrl,
                pullInterval,
                pushPollInterval,
                pushBatch,
                pullPage,
                inboxMaxBytes,
                inboxMaxEnvelopes,
                backoff,
                breakerThreshold,
                breakerOpenFor,
                requestTimeout,
                autoAcceptPinned,
                learnOrigins,
                peerLimits);
    }

    /** The same with the origin-learning policy set. */
    public FederationConfig withLearnOrigins(boolean learn) {
        return with(pullInterval, requestTimeout, autoAcceptPinned, learn);
    }

    String inboxUrl() {
        return PeerClient.resolve(publicUrl.get(), "/v1/inbox").toString();
    }
}
