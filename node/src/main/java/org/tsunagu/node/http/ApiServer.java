package org.tsunagu.node.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.tsunagu.protocol.canon.StrictJson;

/** Jersey on Grizzly, set up the same way for the node and for tests. */
public final class ApiServer implements AutoCloseable {
    /** Single records and small requests: as much as the protocol parser reads. */
    public static final long DEFAULT_BODY_LIMIT = StrictJson.MAX_MESSAGE_BYTES;
    /** A batch pushed to the inbox: peers fill batches up to the protocol's size, whatever the body limit. */
    public static final long INBOX_BODY_LIMIT = StrictJson.MAX_MESSAGE_BYTES;
    /** Bulk imports (CSV or JSON arrays) and offline bundles. */
    public static final long IMPORT_BODY_LIMIT = 64L * 1024 * 1024;

    /**
     * How long {@link #close} lets requests in flight finish. Brief: a request that is still running
     * after it (a slow upload, a client that stopped reading) is cut off rather than delaying a restart.
     */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(1);

    /** Unread request body a connection may still discard to stay open; more closes it. */
    static final long MAX_REMAINDER_TO_SKIP = 8 * 1024;

    public static final String IMPORT_PATH_PREFIX = "admin/v1/import";
    public static final String BUNDLE_PATH_PREFIX = "admin/v1/bundles";
    public static final String INBOX_PATH_PREFIX = "v1/inbox";

    private final HttpServer server;
    private final URI baseUri;
    private final Duration shutdownGrace;
    private final List<ApiServer> attached = new CopyOnWriteArrayList<>();

    private ApiServer(HttpServer server, URI baseUri, Duration shutdownGrace) {
        this.server = server;
        this.baseUri = baseUri;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * A resource configuration with the node's HTTP conventions: strict JSON, problem+json for every
     * error, the default body limits. Callers register their resources on it.
     */
    public static ResourceConfig baseConfig(JsonMapperProvider json) {
        return baseConfig(json, DEFAULT_BODY_LIMIT, IMPORT_BODY_LIMIT);
    }

    /**
     * The same with other body limits: {@code bodyLimit} for every request but imports and bundles
     * ({@code importBodyLimit}) and the inbox ({@link #INBOX_BODY_LIMIT}, as peers expect).
     */
    public static ResourceConfig baseConfig(JsonMapperProvider json, long bodyLimit, long importBodyLimit) {
        ResourceConfig config = new ResourceConfig();
        // Auto-discovery would register Jackson's own exception mappers, which answer text/plain.
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Every provider is registered here by hand: scanning the class path's META-INF/services for
        // more is start-up time spent finding nothing (and could pick up a stray provider).
        config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(CommonProperties.JSON_PROCESSING_FEATURE_DISABLE, true);
        config.property(CommonProperties.MOXY_JSON_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(json);
        config.register(new ProblemMapper(json.mapper()));
        config.register(new RequestShapeFilter());
        config.register(new BodyLimitFilter(
                bodyLimit,
                Map.of(
                        IMPORT_PATH_PREFIX, importBodyLimit,
                        BUNDLE_PATH_PREFIX, importBodyLimit,
                        INBOX_PATH_PREFIX, INBOX_BODY_LIMIT)));
        return config;
    }

    /** Starts listening on {@code host:port}; port 0 picks a free port (see {@link #port()}). */
    public static ApiServer start(String host, int port, ResourceConfig config) {
        return start(host, port, config, listener -> {});
    }

    /** The same, with {@code tuning} applied to the listener before it starts (limits, timeouts, threads). */
    public static ApiServer start(String host, int port, ResourceConfig config, Consumer<NetworkListener> tuning) {
        return start(host, port, config, tuning, DEFAULT_SHUTDOWN_GRACE);
    }

    /** The same, letting requests in flight finish for up to {@code shutdownGrace} when closed. */
    public static ApiServer start(
            String host, int port, ResourceConfig config, Consumer<NetworkListener> tuning, Duration shutdownGrace) {
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace: must not be negative");
        }
        URI requested = URI.create("http://" + hostForUri(host) + ":" + port + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(requested, config, false);
        // First, so the add-ons after it find the codec they build on already in place.
        server.getListeners()
                .forEach(listener -> listener.registerAddOn(new ProblemCodecAddOn(JsonMapperProvider.create())));
        server.getListeners().forEach(listener -> listener.registerAddOn(new NoUpgradeAddOn()));
        server.getListeners().forEach(tuning);
        server.getServerConfiguration()
                .setDefaultErrorPageGenerator(new ProblemErrorPages(JsonMapperProvider.create()));
        // After an answer given before the body was read (413, 401, 503...), Grizzly reads and discards
        // the rest of a declared body to keep the connection: for a declared 3 GB that held it until
        // the idle timeout. Past this remainder the connection is closed at once instead.
        server.getServerConfiguration().setMaxPayloadRemainderToSkip(MAX_REMAINDER_TO_SKIP);
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        NetworkListener listener = server.getListeners().iterator().next();
        URI actual = URI.create("http://" + hostForUri(host) + ":" + listener.getPort() + "/");
        return new ApiServer(server, actual, shutdownGrace);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** Another listener of the same node (metrics on their own port): closed with this one. */
    public void attach(ApiServer other) {
        attached.add(other);
    }

    /** The listeners attached to this one, in order. */
    public List<ApiServer> attached() {
        return List.copyOf(attached);
    }

    /**
     * Stops accepting and lets requests in flight finish for up to the shutdown grace (returning as soon
     * as none is left), then closes every connection at once: idle keep-alive connections are not waited
     * for, and a request still running is cut off. Finally closes the listeners' add-ons that hold
     * resources of their own (timer threads).
     */
    @Override
    public void close() {
        attached.forEach(ApiServer::close);
        long grace = shutdownGrace.toMillis();
        if (grace > 0) {
            try {
                server.shutdown(grace, TimeUnit.MILLISECONDS).get(grace + 500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // Fall through to the hard stop.
            }
        }
        server.shutdownNow();
        for (NetworkListener listener : server.getListeners()) {
            for (AddOn addOn : listener.getAddOns()) {
                if (addOn instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Stopping anyway: nothing else to do with it.
        }
    }
}
