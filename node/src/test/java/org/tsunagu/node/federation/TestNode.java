package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * A real node built by {@link NodeAssembly} (own folder with node.key and a SQLite file, HTTP on 127.0.0.1) with
 * short federation intervals. It keeps its port across stop and start, as peers know it by URL.
 */
final class TestNode implements AutoCloseable {
    final HubId hub;
    private final Path dir;
    private final UnaryOperator<FederationConfig> tweak;
    private final Settings settings;
    private final String token = AdminToken.generate(new SecureRandom());
    private final int port;
    private Node node;
    private ApiServer server;
    TestClient admin;

    TestNode(Path dir, String hub, UnaryOperator<FederationConfig> tweak) {
        this(dir, hub, tweak, Settings.defaults());
    }

    /** The same with the admin's {@code settings} (limits) in force. */
    TestNode(Path dir, String hub, UnaryOperator<FederationConfig> tweak, Settings settings) {
        this.hub = HubId.of(hub);
        this.dir = dir;
        this.tweak = tweak;
        this.settings = settings;
        this.port = freePort();
    }

    static TestNode start(Path dir, String hub) {
        return new TestNode(dir, hub, c -> c).start();
    }

    TestNode start() {
        try {
            Files.createDirectories(dir);
            NodeConfig config = NodeConfig.of(dir, hub, "Hub " + hub, "JP", url() + "/");
            if (!Files.exists(config.keyFile())) {
                KeyFile.write(config.keyFile(), Ed25519KeyPair.generate(new SecureRandom()));
            }
            node = NodeAssembly.openNode(
                    config, KeyFile.read(config.keyFile()), Clock.systemUTC(), settings, c -> tweak.apply(c.quick()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node.publishProfileIfChanged();
        server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", port);
        admin = new TestClient(server.baseUri(), token);
        return this;
    }

    String token() {
        return token;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Node node() {
        return node;
    }

    Federation federation() {
        return node.federation();
    }

    Ed25519KeyPair key() {
        return node.federation().signingKey();
    }

    /**
     * Publishes directly (as an import would) and tells federation, as Main's write paths do. After a
     * restart it first waits for the rollback check, as an admin retries after a 503.
     */
    Envelope publish(UpdateType type, JsonNode body) {
        try {
            if (!node.federation().rollback().awaitWritable(java.time.Duration.ofSeconds(30))) {
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

    Envelope publishOrg(String id, String name) {
        return publish(UpdateType.ORG_UPSERT, FederationFixtures.org(id, name));
    }

    /** Through the admin API, as an operator would; returns the JSON answer. */
    JsonNode adminPost(String path, String body) {
        TestClient.Reply r = admin.postJson(path, body);
        if (r.status() / 100 != 2) {
            throw new AssertionError(path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    long head(TestNode origin) {
        return head(origin.hub);
    }

    long head(HubId origin) {
        return node.log().head(origin).map(h -> h.seq()).orElse(0L);
    }

    List<String> feed(HubId origin, long after, int limit) {
        List<String> out = new ArrayList<>();
        node.log().streamFeed(origin, after, limit, out::add);
        return out;
    }

    int equivocations(HubId origin) {
        return new org.tsunagu.node.log.AlertStore(node.database(), Clock.systemUTC())
                .equivocations(origin)
                .size();
    }

    Optional<KeyId> currentKey(HubId origin) {
        return node.keys().currentKey(origin);
    }

    /** Pins {@code peer} on both sides and follows everything it holds. */
    void follow(TestNode peer) {
        federation().peers().add(peer.url(), null);
        peer.federation().peers().add(url(), null);
        federation().peers().follow(peer.url(), OriginFilter.all());
    }

    void stop() {
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
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create(url() + "/");
    }
}
