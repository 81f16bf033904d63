package org.tsunagu.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.FederationConfig;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The one fixture for a real node in the test's own process: wired by {@link NodeAssembly} on a
 * folder of its own (a SQLite file), serving HTTP on 127.0.0.1. Three ways to get one:
 *
 * <ul>
 *   <li>{@link #start(Path, String, String)}: a node on its own, at a free port;
 *   <li>{@link #federating}: a node that federates, its public URL where it really listens;
 *   <li>{@code new TestNode(dir, hub, tweak).start()}: a federating node with short federation
 *       intervals ({@link FederationConfig#quick()}), its key in {@code node.key}, that keeps its port
 *       across {@link #stop()} and {@link #start()}, as peers know it by URL.
 * </ul>
 */
public final class TestNode implements AutoCloseable {
    public final HubId hub;
    /** The key the last {@link #start()} opened the node with (after a rotation, {@link #key()} signs). */
    public Ed25519KeyPair key;

    public final String token;
    /** Opened by the last {@link #start()}. */
    public Node node;

    public ApiServer server;
    /** Carries the admin token. */
    public TestClient admin;
    /** Carries no token. */
    public TestClient anyone;

    private final Path dir;
    private final String country;
    /** 0: any free port, and a public URL the node does not listen on. */
    private final int port;

    private final String url;
    /** Whether the key lives in {@code node.key}, so a restart (and a rotation) keeps it. */
    private final boolean keyFile;

    private final Settings settings;
    private final UnaryOperator<FederationConfig> federation;
    /** The node's time: the system's, unless a test holds it (set before the first start). */
    private Clock clock = Clock.systemUTC();

    private TestNode(
            Path dir,
            HubId hub,
            String country,
            int port,
            String url,
            boolean keyFile,
            Settings settings,
            UnaryOperator<FederationConfig> federation) {
        SecureRandom random = new SecureRandom();
        this.hub = hub;
        this.dir = dir;
        this.country = country;
        this.port = port;
        this.url = url;
        this.keyFile = keyFile;
        this.settings = settings;
        this.federation = federation;
        this.token = AdminToken.generate(random);
        // In node.key, it is written by the first start (unless the folder already holds one).
        this.key = keyFile ? null : Ed25519KeyPair.generate(random);
    }

    /** A federating node with short intervals, {@code tweak} applied after them; call {@link #start()}. */
    public TestNode(Path dir, String hub, UnaryOperator<FederationConfig> tweak) {
        this(dir, hub, tweak, Settings.defaults());
    }

    /** The same with the admin's {@code settings} (limits) in force. */
    public TestNode(Path dir, String hub, UnaryOperator<FederationConfig> tweak, Settings settings) {
        this(dir, HubId.of(hub), "JP", freePort(), true, settings, c -> tweak.apply(c.quick()));
    }

    private TestNode(
            Path dir,
            HubId hub,
            String country,
            int port,
            boolean keyFile,
            Settings settings,
            UnaryOperator<FederationConfig> federation) {
        this(dir, hub, country, port, "http://127.0.0.1:" + port, keyFile, settings, federation);
    }

    /** A node on its own, started. */
    public static TestNode start(Path dir, String hub, String country) {
        return start(dir, hub, country, Clock.systemUTC());
    }

    /** A node on its own on {@code clock} (its signatures, sessions and rate limits read it), started. */
    public static TestNode start(Path dir, String hub, String country, Clock clock) {
        TestNode node = new TestNode(
                dir,
                HubId.of(hub),
                country,
                0,
                "http://127.0.0.1:8080",
                false,
                Settings.defaults(),
                UnaryOperator.identity());
        node.clock = clock;
        return node.start();
    }

    /** A federating node with short intervals, started. */
    public static TestNode start(Path dir, String hub) {
        return new TestNode(dir, hub, c -> c).start();
    }

    /**
     * A node that federates: its public URL is where it really listens (peers push to it there), and
     * {@code federation} adjusts its federation settings. Started.
     */
    public static TestNode federating(
            Path dir, String hub, String country, UnaryOperator<FederationConfig> federation) {
        return new TestNode(dir, HubId.of(hub), country, freePort(), false, Settings.defaults(), federation).start();
    }

    /** Opens the node (again, after {@link #stop()}) and serves it at its port. */
    public TestNode start() {
        try {
            Files.createDirectories(dir);
            NodeConfig config = NodeConfig.of(dir, hub, "Hub " + hub, country, url + "/");
            if (keyFile) {
                if (!Files.exists(config.keyFile())) {
                    KeyFile.write(config.keyFile(), Ed25519KeyPair.generate(new SecureRandom()));
                }
                key = KeyFile.read(config.keyFile());
            }
            node = NodeAssembly.openNode(config, key, clock, settings, federation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node.publishProfileIfChanged();
        server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", port);
        admin = new TestClient(server.baseUri(), token);
        anyone = new TestClient(server.baseUri(), null);
        return this;
    }

    public HubId hub() {
        return hub;
    }

    public String token() {
        return token;
    }

    /** Where it listens, without the trailing slash. */
    public String url() {
        return url;
    }

    public URI base() {
        return URI.create(url() + "/");
    }

    public Node node() {
        return node;
    }

    public Federation federation() {
        return node.federation();
    }

    /** The key it signs with now. */
    public Ed25519KeyPair key() {
        return node.federation().signingKey();
    }

    /**
     * Publishes directly (as an import would) and tells federation, as the admin API's writes do. After
     * a restart it first waits for the rollback check, as an admin retries after a 503.
     */
    public Envelope publish(UpdateType type, JsonNode body) {
        try {
            if (!node.federation().rollback().awaitWritable(Duration.ofSeconds(30))) {
                throw new AssertionError(
                        "writes still wait: " + node.federation().rollback().reason());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Envelope e = node.publisher().publish(type, body);
        node.federation().published();
        return e;
    }

    /** Publishes {@code {"id", "name", "country": "JP"}}. */
    public Envelope publishOrg(String id, String name) {
        return publish(
                UpdateType.ORG_UPSERT,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("id", id)
                        .put("name", name)
                        .put("country", "JP"));
    }

    /** Through the admin API, as an operator would; returns the JSON answer. */
    public JsonNode adminPost(String path, String body) {
        TestClient.Reply r = admin.postJson(path, body);
        if (r.status() / 100 != 2) {
            throw new AssertionError(path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    public long head(TestNode origin) {
        return head(origin.hub);
    }

    public long head(HubId origin) {
        return node.log().head(origin).map(h -> h.seq()).orElse(0L);
    }

    public List<String> feed(HubId origin, long after, int limit) {
        List<String> out = new ArrayList<>();
        node.log().streamFeed(origin, after, limit, out::add);
        return out;
    }

    public int equivocations(HubId origin) {
        return new AlertStore(node.database(), Clock.systemUTC())
                .equivocations(origin)
                .size();
    }

    public Optional<KeyId> currentKey(HubId origin) {
        return node.keys().currentKey(origin);
    }

    /** Pins {@code peer} on both sides and follows everything it holds. */
    public void follow(TestNode peer) {
        federation().peers().add(peer.url(), null);
        peer.federation().peers().add(url(), null);
        federation().peers().follow(peer.url(), OriginFilter.all());
    }

    public void stop() {
        server.close();
        node.close();
        node = null;
    }

    @Override
    public void close() {
        if (node != null) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
