package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tsunagu.node.app.Initializer;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.PrivateFiles;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.settings.SettingSources;
import org.tsunagu.node.web.WebWarmup;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import picocli.CommandLine.Command;

/**
 * Runs a throw-away node through its common paths and exits. scripts/tsunagu runs it once per build
 * with {@code -XX:ArchiveClassesAtExit}, so later starts map the classes it loaded from a class-data
 * sharing archive instead of loading and verifying them again (start-up about twice as fast).
 */
@Command(name = "warmup", hidden = true, description = "Exercise a temporary node, for a class-data sharing archive.")
final class WarmupCommand implements Callable<Integer> {
    private final CliContext context;

    WarmupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tsunagu-warmup");
        try {
            // A folder made and read back as init and serve do, so the classes serve reads its folder,
            // flags and settings with before the node opens are in the archive too, and every command's.
            TsunaguCommand.commandLine(
                    context, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
            Path home = dir.resolve("home");
            Initializer.Result made = Initializer.initialise(
                    home,
                    new Initializer.Identity("xx-warmup", "Warm-up", "JP", "http://127.0.0.1/", "admin", null, null),
                    "127.0.0.1",
                    0,
                    context.clock(),
                    context.random());
            SettingSources.resolve(Map.of(), Map.of(), home.resolve(NodeConfig.CONFIG_FILE));
            NodeConfig.readListen(home);
            NodeConfig config = NodeConfig.read(home);
            IdentityCheck.require(config, false);
            Ed25519KeyPair key = KeyFile.read(config.keyFile());
            PrivateFiles.readableByOthers(config.keyFile());
            String token = made.newToken();
            try (Node node = NodeAssembly.openNode(config, key, context.clock())) {
                node.publishProfileIfChanged();
                ApiServer server = NodeAssembly.startHttp(node, AdminToken.of(token), "127.0.0.1", 0);
                try {
                    exercise(server.baseUri(), token);
                    federate(dir, node, server.baseUri(), token);
                } finally {
                    server.close();
                }
            }
        } finally {
            deleteTree(dir);
        }
        return 0;
    }

    private static void exercise(URI base, String token) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String record = "{\"id\":\"w\",\"name\":\"ウォームアップ Warm-up\",\"country\":\"JP\",\"sectors\":[\"15150\"]}";
        send(
                client,
                HttpRequest.newBuilder(base.resolve("admin/v1/organizations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(record)));
        send(
                client,
                HttpRequest.newBuilder(base.resolve("admin/v1/import/organizations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("id,name\nw2,Warm-up two\n")));
        // The web directory's first visit, so its classes are in the archive too.
        WebWarmup.visit(base);
        for (String path : new String[] {
            "healthz",
            ".well-known/tsunagu",
            "v1/feeds",
            "v1/feeds/xx-warmup",
            "v1/directory/organizations?q=warm",
            "v1/directory/organizations/xx-warmup/w",
            "v1/directory/partnerships",
            "v1/directory/hubs",
            "nothing-here"
        }) {
            send(client, HttpRequest.newBuilder(base.resolve(path)));
        }
    }

    /**
     * A second throw-away node follows the first: pins it, pulls its log and receives a push. Without
     * this the archive held none of federation's classes (the JDK's HTTP client, pulls, pushes, the
     * inbox, ingest), and a restarted follower loaded and verified them all while catching up, on the
     * clock of its first sync (issue 14). Best effort: the archive is still made if this part fails.
     */
    private void federate(Path dir, Node hub, URI hubUri, String token) {
        try {
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            NodeConfig config = NodeConfig.of(
                    dir.resolve("follower"),
                    HubId.of("xx-warmup-follower"),
                    "Warm-up follower",
                    "TH",
                    "http://127.0.0.1:" + port + "/");
            Ed25519KeyPair key = Ed25519KeyPair.generate(context.random());
            try (Node follower = NodeAssembly.openNode(config, key, context.clock())) {
                follower.publishProfileIfChanged();
                ApiServer server = NodeAssembly.startHttp(
                        follower, AdminToken.of(AdminToken.generate(context.random())), "127.0.0.1", port);
                try {
                    follower.federation().peers().follow(hubUri.toString(), OriginFilter.all());
                    hub.federation().subscribers().approve("xx-warmup-follower");
                    HttpClient client = HttpClient.newHttpClient();
                    send(
                            client,
                            HttpRequest.newBuilder(hubUri.resolve("admin/v1/organizations"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"id\":\"w3\",\"name\":\"Pushed\",\"country\":\"JP\"}")));
                    long want =
                            hub.log().head(hub.config().hub()).map(h -> h.seq()).orElse(0L);
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (System.nanoTime() < deadline
                            && follower.log()
                                            .head(hub.config().hub())
                                            .map(h -> h.seq())
                                            .orElse(0L)
                                    < want) {
                        Thread.sleep(20);
                    }
                } finally {
                    server.close();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Only the archive's coverage suffers.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
