package org.tsunagu.node.ops.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Limits that keep slow or greedy clients from holding the server: open connections (in total and per
 * address), how long a connection may sit idle, how long a request head may take, how long one read of
 * a request body may wait, how long a whole body may take, and a fixed pool of worker threads with a
 * bounded queue. Their defaults and names are in {@code settings.Settings}.
 *
 * @param idleTimeout a connection with no request in progress is closed after this (also one that
 *     connects and never sends anything)
 * @param headerDeadline a request's line and headers must arrive whole within this of their first byte
 * @param readTimeout one blocking read of a request body waits at most this long for more bytes
 * @param bodyDeadline a whole request body must arrive within this
 * @param workerThreads threads that run requests (they block on SQLite and on body reads)
 * @param workerQueue requests waiting for a worker beyond this are refused
 */
public record ServerLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration idleTimeout,
        Duration headerDeadline,
        Duration readTimeout,
        Duration bodyDeadline,
        int workerThreads,
        int workerQueue) {
    public ServerLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerDeadline, "headerDeadline");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || workerThreads < 1 || workerQueue < 1) {
            throw new IllegalArgumentException("connection, thread and queue limits must be at least 1");
        }
        if (idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("idleTimeout: Grizzly counts it in whole seconds, at least 1");
        }
        if (headerDeadline.isNegative() || headerDeadline.isZero()) {
            throw new IllegalArgumentException("headerDeadline: must be positive");
        }
    }

    /**
     * Applies the connection, timeout and thread limits to a listener that has not started yet. The
     * header deadline's timer thread stops with the server ({@code ApiServer.close}).
     */
    public void tune(NetworkListener listener) {
        listener.registerAddOn(new ConnectionLimitAddOn(maxConnections, maxConnectionsPerAddress));
        listener.registerAddOn(new HeaderDeadlineAddOn(headerDeadline));
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) idleTimeout.toSeconds());
        listener.getTransport().setReadTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        listener.getTransport()
                .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName("tsunagu-http")
                        .setCorePoolSize(workerThreads)
                        .setMaxPoolSize(workerThreads)
                        .setQueueLimit(workerQueue));
    }

    /** Registers the body deadline on the application. */
    public void register(ResourceConfig config) {
        config.register(new BodyDeadlineFilter(bodyDeadline));
    }
}
