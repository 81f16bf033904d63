package org.tsunagu.node.ops.limits;

/**
 * The node's request rate limits (their defaults and names are in {@code settings.Settings}).
 *
 * @param publicPerAddress reads of the public API and web page, per client address
 * @param inboxPerAddress pushes and subscription requests, per client address
 * @param inboxPerPeer pushes and subscription requests per peer (its key id), counted only for requests
 *     whose signature verified, so nobody can spend another peer's allowance
 * @param maxTrackedKeys how many addresses (and peers) the tables remember at most
 * @param limitLoopback whether requests from 127.0.0.1/::1 are limited too; off by default so
 *     benchmarks and local tools on the node's own machine are not throttled (a reverse proxy on the
 *     same machine should then do its own limiting)
 */
public record RateLimits(
        RateLimit publicPerAddress,
        RateLimit inboxPerAddress,
        RateLimit inboxPerPeer,
        int maxTrackedKeys,
        boolean limitLoopback) {
    public RateLimits {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be at least 1");
        }
    }
}
