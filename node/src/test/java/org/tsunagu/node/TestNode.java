package org.tsunagu.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.federation.FederationConfig;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** A node wired by {@link NodeAssembly} on a temporary folder, serving on 127.0.0.1 at a free port. */
public final class TestNode implements AutoCloseable {
    public final Node node;
    public final ApiServer server;
    public final Ed25519KeyPair key;
    public final String token;
    /** Carries the admin token. */
    public final TestClient admin;
    /** Carries no token. */
    public final TestClient anyone;

    private TestNode(Node node, ApiServer server, Ed25519KeyPair key, String token) {
        this.node = node;
        this.server = server;
        this.key = key;
        this.token = token;
        this.admin = new TestClient(server.baseUri(), token);
        this.anyone = new TestClient(server.baseUri(), null);
    }

    public static TestNode start(Path dir, String hub, String country) {
        return start(dir, hub, country, Clock.systemUTC());
    }

    /** A node on {@code clock}: its signatures, sessions and rate limits all read that time. */
    public static TestNode start(Path dir, String hub, String country, Clock clock) {
        SecureRandom random = new SecureRandom();
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        NodeConfig config = NodeConfig.of(dir, HubId.of(hub), "Hub " + hub, country, "http://127.0.0.1:8080/");
        Node node = NodeAssembly.openNode(config, key, clock);
        node.publishProfileIfChanged();
        String token = AdminToken.generate(random);
        ApiServer server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", 0);
        return new TestNode(node, server, key, token);
    }

    /**
     * A node that federates: its public URL is where it really listens (peers push to it there), and
     * {@code federation} adjusts its federation settings.
     */
    public static TestNode federating(
            Path dir, String hub, String country, UnaryOperator<FederationConfig> federation) {
        SecureRandom random = new SecureRandom();
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + port + "/";
        Node node = NodeAssembly.openNode(
                NodeConfig.of(dir, HubId.of(hub), "Hub " + hub, country, url), key, Clock.systemUTC(), federation);
        node.publishProfileIfChanged();
        String token = AdminToken.generate(random);
        ApiServer server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", port);
        return new TestNode(node, server, key, token);
    }

    public HubId hub() {
        return node.config().hub();
    }

    @Override
    public void close() {
        server.close();
        node.close();
    }
}
