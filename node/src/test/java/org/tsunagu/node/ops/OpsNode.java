package org.tsunagu.node.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.settings.Settings;

/** A whole node as {@code serve} runs it (Main's wiring), on 127.0.0.1 and a free port. */
public final class OpsNode implements AutoCloseable {
    public final Path data;
    public final Node node;
    public final ApiServer server;
    public final String token;
    public final TestClient admin;
    public final TestClient anonymous;

    public OpsNode(Path data, String hub) {
        this(data, hub, Settings.defaults());
    }

    /** The same with {@code settings} in force, as {@code serve} would resolve them. */
    public OpsNode(Path data, String hub, Settings settings) {
        this(data, hub, null, settings);
    }

    /** The same with {@code url} (node.json's public URL) instead of a made-up loopback one. */
    public OpsNode(Path data, String hub, String url, Settings settings) {
        this.data = data;
        if (url == null) {
            OpsCli.init(data, hub);
        } else {
            OpsCli.Run run =
                    OpsCli.run("init", "--data", data.toString(), "--hub", hub, "--url", url, "--country", "JP");
            if (run.status() != 0) {
                throw new AssertionError("init failed: " + run);
            }
        }
        NodeConfig config = NodeConfig.read(data);
        try {
            this.token =
                    Files.readString(config.tokenFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.node = NodeAssembly.openNode(
                config, KeyFile.read(config.keyFile()), Clock.systemUTC(), settings, UnaryOperator.identity());
        this.server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", 0);
        this.admin = new TestClient(server.baseUri(), token);
        this.anonymous = new TestClient(server.baseUri(), null);
    }

    /** Pins {@code hub}'s key, as following it would. */
    public OpsNode pin(TestHub hub) {
        node.keys().pin(hub.id, hub.key.publicKey().keyId(), KeySource.PEER_PINNED);
        return this;
    }

    private boolean closed;

    /** Stops the server and closes the database; safe to call twice (tests stop a node to use the CLI). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            server.close();
            node.close();
        }
    }
}
