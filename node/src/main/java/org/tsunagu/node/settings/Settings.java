package org.tsunagu.node.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tsunagu.node.federation.PeerLimits;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TrustedProxies;
import org.tsunagu.node.ops.limits.RateLimit;
import org.tsunagu.node.ops.limits.RateLimits;
import org.tsunagu.node.ops.limits.ServerLimits;
import org.tsunagu.node.ops.metrics.MetricsAccess;

/**
 * The node's operational settings: the one place that knows their names and built-in defaults, and
 * the values in force. Each can be set in node.json's {@code settings} object, by a {@code TSUNAGU_*}
 * environment variable, or by a {@code serve} flag; a flag wins over the environment, which wins over
 * node.json, which wins over the default ({@link SettingSources#resolve}).
 */
public final class Settings {
    public static final Setting<Integer> RATE_PUBLIC_PER_MINUTE = Setting.integer(
            "rate_public_per_minute",
            3_000,
            1,
            1_000_000,
            "Requests to the public API and web page per minute, per client address.");
    public static final Setting<Integer> RATE_PUBLIC_BURST = Setting.integer(
            "rate_public_burst",
            200,
            1,
            1_000_000,
            "Public requests one address may make at once before the rate applies.");
    public static final Setting<Integer> ADMIN_AUTH_FAILURES_PER_MINUTE = Setting.integer(
            "admin_auth_failures_per_minute",
            10,
            1,
            1_000_000,
            "Failed admin authentications one client address may make per minute; then 429 until the minute"
                    + " refills (a correct token from that address waits too).");
    public static final Setting<Integer> RATE_INBOX_ADDRESS_PER_MINUTE = Setting.integer(
            "rate_inbox_address_per_minute",
            1_200,
            1,
            1_000_000,
            "Pushes to the inbox and subscription requests per minute, per client address.");
    public static final Setting<Integer> RATE_INBOX_ADDRESS_BURST = Setting.integer(
            "rate_inbox_address_burst",
            100,
            1,
            1_000_000,
            "Pushes and subscription requests one address may make at once.");
    public static final Setting<Integer> RATE_INBOX_PEER_PER_MINUTE = Setting.integer(
            "rate_inbox_peer_per_minute",
            600,
            1,
            1_000_000,
            "Pushes and subscription requests per minute, per peer (only requests whose signature verified count).");
    public static final Setting<Integer> RATE_INBOX_PEER_BURST = Setting.integer(
            "rate_inbox_peer_burst", 50, 1, 1_000_000, "Pushes and subscription requests one peer may make at once.");
    public static final Setting<Integer> RATE_TRACKED_CLIENTS = Setting.integer(
            "rate_tracked_clients",
            10_000,
            1,
            10_000_000,
            "Client addresses (and peers) each rate limit remembers; the least recently seen are forgotten.");
    public static final Setting<Boolean> RATE_LIMIT_LOOPBACK = Setting.bool(
            "rate_limit_loopback",
            false,
            "Also limit requests from 127.0.0.1 and ::1 (off so local tools are not throttled; a reverse proxy"
                    + " on the same machine should then limit).");
    public static final Setting<Integer> MAX_CONNECTIONS =
            Setting.integer("max_connections", 4_096, 1, 1_000_000, "Open connections at most, in total.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.integer(
            "max_connections_per_address", 256, 1, 1_000_000, "Open connections at most from one client address.");
    public static final Setting<Integer> WORKER_THREADS =
            Setting.integer("worker_threads", 32, 1, 1_024, "Threads that serve requests.");
    public static final Setting<Integer> WORKER_QUEUE = Setting.integer(
            "worker_queue", 1_024, 1, 1_000_000, "Requests that may wait for a worker thread; more are refused.");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.seconds(
            "idle_timeout",
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            "A connection with no request in progress is closed after this (whole seconds).");
    public static final Setting<Duration> HEADER_DEADLINE = Setting.duration(
            "header_deadline",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(10),
            "A request's line and headers must arrive whole within this of their first byte, else the"
                    + " connection is closed.");
    public static final Setting<Duration> READ_TIMEOUT = Setting.duration(
            "read_timeout",
            Duration.ofSeconds(20),
            Duration.ofMillis(100),
            Duration.ofHours(1),
            "One read of a request body waits at most this long for more bytes.");
    public static final Setting<Duration> BODY_DEADLINE = Setting.duration(
            "body_deadline",
            Duration.ofMinutes(2),
            Duration.ofSeconds(1),
            Duration.ofHours(24),
            "A whole request body must arrive within this, else 408 and the connection is closed.");
    public static final Setting<Long> MAX_BODY_BYTES = Setting.bytes(
            "max_body_bytes",
            ApiServer.DEFAULT_BODY_LIMIT,
            16L << 10,
            ApiServer.DEFAULT_BODY_LIMIT,
            "Largest request body, except imports, bundles and the inbox (which always takes the protocol's"
                    + " 256KiB batches).");
    public static final Setting<Long> MAX_IMPORT_BYTES = Setting.bytes(
            "max_import_bytes",
            ApiServer.IMPORT_BODY_LIMIT,
            1L << 20,
            1L << 30,
            "Largest upload to /admin/v1/import and /admin/v1/bundles.");
    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.duration(
            "shutdown_grace",
            ApiServer.DEFAULT_SHUTDOWN_GRACE,
            Duration.ZERO,
            Duration.ofMinutes(1),
            "On stop, requests in flight get this long to finish; then every connection is closed.");
    public static final Setting<Boolean> LEARN_ORIGINS = Setting.bool(
            "learn_origins",
            true,
            "Trust an origin relayed by a peer (or carried in a bundle) on first sight of its seq-1 hub.profile;"
                    + " when false, only origins whose key is pinned (peers an admin follows) are accepted.");
    public static final Setting<Boolean> ROLLBACK_CHECK = Setting.bool(
            "rollback_check",
            true,
            "Before signing anything after start, ask the nodes that hold this hub's log for its head and pull"
                    + " back what this node lacks (rollback protection); false signs at once, and after restoring"
                    + " an older backup that makes every follower halt this hub.");

    public static final Setting<Integer> PEER_BODY_SLOTS = Setting.integer(
            "peer_body_slots",
            16,
            1,
            1_024,
            "Pushes and subscription requests signed by a pinned peer that may read their bodies at once;"
                    + " keep it and stranger_body_slots well under worker_threads.");
    public static final Setting<Integer> STRANGER_BODY_SLOTS = Setting.integer(
            "stranger_body_slots",
            4,
            1,
            1_024,
            "Pushes and subscription requests signed by any other key that may read their bodies at once.");
    public static final Setting<Integer> STRANGER_SLOTS_PER_ADDRESS = Setting.integer(
            "stranger_slots_per_address", 1, 1, 1_024, "Of those, how many one client address may hold.");
    public static final Setting<Duration> PEER_BODY_DEADLINE = Setting.duration(
            "peer_body_deadline",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofHours(1),
            "A push's or subscription request's whole body must arrive within this, else 408.");
    public static final Setting<Duration> PEER_REQUEST_DEADLINE = Setting.duration(
            "peer_request_deadline",
            Duration.ofSeconds(60),
            Duration.ofMillis(100),
            Duration.ofHours(1),
            "A request to a peer, its answer's head and whole body, must be done within this.");
    public static final Setting<Duration> PULL_INTERVAL = Setting.duration(
            "pull_interval",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            Duration.ofDays(1),
            "How often this node asks every followed peer for what it holds further (pushes bring most updates"
                    + " sooner; the periodic pull catches up what a push missed).");
    public static final Setting<Integer> PEER_MAX_REQUESTS = Setting.integer(
            "peer_max_requests", 2, 1, 64, "Requests to one peer in flight at once (pulls and pushes each).");
    public static final Setting<Long> PEER_PAGE_BYTES = Setting.bytes(
            "peer_page_bytes",
            8L << 20,
            1L << 20,
            1L << 30,
            "The largest feed page read from a peer; a larger one is refused (pulls then ask for fewer).");
    public static final Setting<Integer> MAX_PENDING_SUBSCRIBERS = Setting.integer(
            "max_pending_subscribers",
            100,
            1,
            1_000_000,
            "Subscription requests from keys not pinned that may wait for an admin; more are refused (503).");
    public static final Setting<Duration> PENDING_SUBSCRIBER_EXPIRY = Setting.duration(
            "pending_subscriber_expiry",
            Duration.ofDays(7),
            Duration.ofSeconds(1),
            Duration.ofDays(3650),
            "A subscription request no admin decided on is forgotten after this.");

    public static final Setting<TrustedProxies> TRUSTED_PROXIES = Setting.of(
            "trusted_proxies",
            "ADDRS",
            TrustedProxies.NONE,
            TrustedProxies::format,
            TrustedProxies::parse,
            "Reverse proxies (IP addresses or CIDR ranges, comma-separated, e.g. 127.0.0.1,::1) whose Forwarded"
                    + " / X-Forwarded-For headers give the client address for rate limits, and whose requests"
                    + " are answered with node.json's public url in Link and Location. Empty: headers ignored.");
    public static final Setting<MetricsAccess> METRICS_ACCESS = Setting.of(
            "metrics_access",
            "public|token|HOST:PORT",
            MetricsAccess.PUBLIC,
            MetricsAccess::format,
            MetricsAccess::parse,
            "Who may read /metrics: anyone (public), only with the admin token (token), or only on a separate"
                    + " listener such as 127.0.0.1:9464.");

    /** Every setting, in the order the documentation lists them. */
    public static final List<Setting<?>> ALL = List.of(
            RATE_PUBLIC_PER_MINUTE,
            RATE_PUBLIC_BURST,
            ADMIN_AUTH_FAILURES_PER_MINUTE,
            RATE_INBOX_ADDRESS_PER_MINUTE,
            RATE_INBOX_ADDRESS_BURST,
            RATE_INBOX_PEER_PER_MINUTE,
            RATE_INBOX_PEER_BURST,
            RATE_TRACKED_CLIENTS,
            RATE_LIMIT_LOOPBACK,
            MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS,
            WORKER_THREADS,
            WORKER_QUEUE,
            IDLE_TIMEOUT,
            HEADER_DEADLINE,
            READ_TIMEOUT,
            BODY_DEADLINE,
            MAX_BODY_BYTES,
            MAX_IMPORT_BYTES,
            SHUTDOWN_GRACE,
            LEARN_ORIGINS,
            ROLLBACK_CHECK,
            PEER_BODY_SLOTS,
            STRANGER_BODY_SLOTS,
            STRANGER_SLOTS_PER_ADDRESS,
            PEER_BODY_DEADLINE,
            PEER_REQUEST_DEADLINE,
            PULL_INTERVAL,
            PEER_MAX_REQUESTS,
            PEER_PAGE_BYTES,
            MAX_PENDING_SUBSCRIBERS,
            PENDING_SUBSCRIBER_EXPIRY,
            TRUSTED_PROXIES,
            METRICS_ACCESS);

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;

    Settings(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        for (Setting<?> s : ALL) {
            Objects.requireNonNull(this.values.get(s), s.name());
        }
    }

    /** Every setting at its built-in default. */
    public static Settings defaults() {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        ALL.forEach(s -> values.put(s, s.defaultValue()));
        return new Settings(values, Map.of());
    }

    /** The setting {@code name} (as in node.json), or null. */
    public static Setting<?> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The value in force. */
    public <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(setting);
        return value;
    }

    /** The same settings with {@code setting} set to {@code value} (for tests and tools). */
    public <T> Settings with(Setting<T> setting, T value) {
        setting.parse(setting.format(value)); // refuse a value out of the setting's range
        Map<Setting<?>, Object> changed = new LinkedHashMap<>(values);
        changed.put(setting, value);
        Map<Setting<?>, String> changedSources = new LinkedHashMap<>(sources);
        changedSources.put(setting, "code");
        return new Settings(changed, changedSources);
    }

    /**
     * The settings not at their default, each as {@code name=value (source)}, for the start-up log: an
     * admin sees what is in force and where it came from.
     */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        for (Setting<?> s : ALL) {
            String source = sources.get(s);
            if (source != null && !values.get(s).equals(s.defaultValue())) {
                out.add(s.name() + "=" + s.formatAny(values.get(s)) + " (" + source + ")");
            }
        }
        return out;
    }

    public RateLimits rateLimits() {
        return new RateLimits(
                perMinute(RATE_PUBLIC_PER_MINUTE, RATE_PUBLIC_BURST),
                perMinute(RATE_INBOX_ADDRESS_PER_MINUTE, RATE_INBOX_ADDRESS_BURST),
                perMinute(RATE_INBOX_PEER_PER_MINUTE, RATE_INBOX_PEER_BURST),
                get(RATE_TRACKED_CLIENTS),
                get(RATE_LIMIT_LOOPBACK));
    }

    private RateLimit perMinute(Setting<Integer> rate, Setting<Integer> burst) {
        return new RateLimit(get(rate) / 60.0, get(burst));
    }

    public ServerLimits serverLimits() {
        return new ServerLimits(
                get(MAX_CONNECTIONS),
                get(MAX_CONNECTIONS_PER_ADDRESS),
                get(IDLE_TIMEOUT),
                get(HEADER_DEADLINE),
                get(READ_TIMEOUT),
                get(BODY_DEADLINE),
                get(WORKER_THREADS),
                get(WORKER_QUEUE));
    }

    public long maxBodyBytes() {
        return get(MAX_BODY_BYTES);
    }

    public long maxImportBytes() {
        return get(MAX_IMPORT_BYTES);
    }

    public Duration shutdownGrace() {
        return get(SHUTDOWN_GRACE);
    }

    /** What peers and strangers may cost this node. */
    public PeerLimits peerLimits() {
        return new PeerLimits(
                get(PEER_BODY_SLOTS),
                get(STRANGER_BODY_SLOTS),
                get(STRANGER_SLOTS_PER_ADDRESS),
                get(PEER_BODY_DEADLINE),
                get(PEER_REQUEST_DEADLINE),
                get(PEER_MAX_REQUESTS),
                get(PEER_PAGE_BYTES),
                get(MAX_PENDING_SUBSCRIBERS),
                get(PENDING_SUBSCRIBER_EXPIRY));
    }

    /** Failed admin authentications per minute and client address (also the burst). */
    public RateLimit adminAuthFailures() {
        int perMinute = get(ADMIN_AUTH_FAILURES_PER_MINUTE);
        return new RateLimit(perMinute / 60.0, perMinute);
    }

    public TrustedProxies trustedProxies() {
        return get(TRUSTED_PROXIES);
    }

    public MetricsAccess metricsAccess() {
        return get(METRICS_ACCESS);
    }

    public boolean learnOrigins() {
        return get(LEARN_ORIGINS);
    }

    /** Whether writes wait for the rollback check after start. */
    public boolean rollbackCheck() {
        return get(ROLLBACK_CHECK);
    }
}
