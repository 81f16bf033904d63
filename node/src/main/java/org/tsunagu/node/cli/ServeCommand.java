package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.tsunagu.node.app.Initializer;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.federation.RollbackGuard;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.home.PrivateFiles;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.importer.ImportException;
import org.tsunagu.node.importer.ImportReport;
import org.tsunagu.node.ops.FollowOnStart;
import org.tsunagu.node.settings.Setting;
import org.tsunagu.node.settings.SettingSources;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.node.web.WebWarmup;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the node's HTTP API until stopped (Ctrl-C or SIGTERM).",
            "On a folder that was never initialised, serve runs init first (with the identity options below, or"
                    + " defaults) and prints the new admin token once.",
            "TSUNAGU_ADMIN_TOKEN, when set, is the admin token in force instead of admin.token.",
            "Limits and policies below can also be set by TSUNAGU_* variables and in node.json's \"settings\""
                    + " object (e.g. \"settings\": {\"learn_origins\": false}); a flag wins over a variable,"
                    + " which wins over node.json."
        })
final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8080;
    /** Every setting applies to a serving node. */
    static final List<Setting<?>> SETTINGS = Settings.ALL;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "N",
            defaultValue = "8080",
            description = "TCP port; 0 picks a free one. Env: TSUNAGU_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for all. Env: TSUNAGU_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Mixin
    IdentityOptions identity;

    @Option(
            names = "--seed",
            paramLabel = "FILE",
            description = "Import this JSON array of organisations at start (all or nothing). Records already"
                    + " published unchanged sign nothing new, so the same seed can be given on every start.")
    Path seed;

    @Option(
            names = "--follow",
            paramLabel = "URL",
            description = "Follow the node at URL (pinning its key on first sight), retrying in the background until"
                    + " it is up. Repeatable; harmless to give again on every start.")
    List<String> follow = new ArrayList<>();

    @Option(
            names = "--new-identity",
            description = "Start even though node.json's \"hub\" differs from the hub this database signs as:"
                    + " a new hub begins, and the old one's records can no longer be edited. Without it, start-up"
                    + " stops.")
    boolean newIdentity;

    @Option(
            names = "--skip-rollback-check",
            description = "Sign at once after start, without first asking the nodes that hold this hub's log"
                    + " whether this database is missing any of it (rollback protection, the rollback_check"
                    + " setting, for this start only). Risky after restoring a backup: a second envelope at a seq"
                    + " the followers hold makes every one of them halt this hub.")
    boolean skipRollbackCheck;

    private final CliContext context;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new NodeFileException("--port: must be 0..65535");
        }
        Path dir = data.dataDir();
        // Before init, so a bad value fails start-up before anything is created.
        Settings settings = SettingSources.resolve(
                SettingOptions.given(spec, SETTINGS), context.env(), dir.resolve(NodeConfig.CONFIG_FILE));
        if (skipRollbackCheck) {
            settings = settings.with(Settings.ROLLBACK_CHECK, false);
        }
        if (!NodeConfig.isInitialised(dir)) {
            Initializer.report(
                    Initializer.initialise(
                            dir, identity.resolve(context), host, port, context.clock(), context.random()),
                    out);
        } else {
            if (identity.hub != null || identity.name != null || identity.country != null || identity.url != null) {
                err.println("tsunagu: " + dir + " is already initialised; --hub/--name/--country/--url are ignored"
                        + " (edit node.json and restart to change the profile)");
            }
            // node.json says where to listen, unless a flag or TSUNAGU_HOST / TSUNAGU_PORT says otherwise.
            Optional<NodeConfig.Listen> listen = NodeConfig.readListen(dir);
            if (listen.isPresent() && !given("--host", "TSUNAGU_HOST")) {
                host = listen.get().host();
            }
            if (listen.isPresent() && !given("--port", "TSUNAGU_PORT")) {
                port = listen.get().port();
            }
        }
        NodeConfig config = NodeConfig.read(dir);
        IdentityCheck.require(config, newIdentity);
        if (newIdentity) {
            err.println(
                    "tsunagu: --new-identity: serving as " + config.hub() + " whatever hub this database signed as");
        }
        Ed25519KeyPair key = KeyFile.read(config.keyFile());
        if (PrivateFiles.readableByOthers(config.keyFile())) {
            err.println("tsunagu: warning: " + config.keyFile() + " is readable by other users; chmod 600 it");
        }
        AdminToken token = adminToken(config.tokenFile());

        Node node = NodeAssembly.openNode(config, key, context.clock(), settings, UnaryOperator.identity());
        ApiServer server;
        try {
            // Started first: nothing is signed (profile, seed) before the rollback check passed.
            server = NodeAssembly.startHttp(node, token, host, port);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        RollbackGuard rollback = node.federation().rollback();
        if (rollback.writable()) {
            try {
                firstWrites(node, out);
            } catch (RuntimeException | IOException e) {
                server.close();
                node.close();
                throw e;
            }
        } else {
            err.println("tsunagu: " + rollback.reason() + "; admin writes answer 503 until then");
            err.flush();
            rollback.whenWritable(() -> {
                try {
                    firstWrites(node, out);
                } catch (IOException | RuntimeException e) {
                    err.println("tsunagu: after the rollback check: " + e.getMessage());
                    err.flush();
                }
            });
        }
        FollowOnStart follows = FollowOnStart.start(
                follow,
                url -> node.federation().peers().follow(url, OriginFilter.all()),
                out,
                Duration.ofSeconds(2),
                Duration.ofMinutes(3));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            follows.close();
            server.close();
            node.close();
            stopped.countDown();
        }));
        if (!settings.overrides().isEmpty()) {
            out.println("tsunagu: settings: " + String.join(", ", settings.overrides()));
        }
        out.println("tsunagu: hub " + config.hub() + " listening on " + server.baseUri());
        for (ApiServer metrics : server.attached()) {
            out.println("tsunagu: metrics on " + metrics.baseUri() + "metrics");
        }
        out.flush();
        // The first visitor should not pay for a cold search path: walk it once, in the background, once
        // the catch-up pulls of start-up have ended (issue 14: on two cores the warm-up's requests and
        // the compiling they cause doubled a 1,000-envelope catch-up), or after 30 s at the latest.
        node.federation()
                .firstPullRound()
                .completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS)
                .thenRun(() -> WebWarmup.start(server.baseUri(), node.federation()::pulling));
        stopped.await();
        return 0;
    }

    /** What serve signs at start: the profile when node.json changed it, and the seed. */
    private void firstWrites(Node node, PrintWriter out) throws IOException {
        node.publishProfileIfChanged();
        if (seed != null) {
            ImportReport report = seed(node);
            out.println("tsunagu: seeded from " + seed + ": " + report.created() + " created, " + report.updated()
                    + " updated, " + report.unchanged() + " unchanged");
            out.flush();
        }
    }

    /** Whether the option was given on the command line or by its environment variable. */
    private boolean given(String option, String variable) {
        String fromEnv = context.env().get(variable);
        return spec.commandLine().getParseResult().hasMatchedOption(option) || (fromEnv != null && !fromEnv.isBlank());
    }

    private ImportReport seed(Node node) throws IOException {
        try {
            return node.importer().importJson(Files.readAllBytes(seed), false);
        } catch (ImportException e) {
            String problems =
                    e.errors().stream().limit(20).map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
            throw new NodeFileException(seed, "nothing imported:" + problems);
        }
    }

    private AdminToken adminToken(Path tokenFile) throws IOException {
        String fromEnv = context.adminTokenFromEnv();
        String token;
        if (fromEnv != null) {
            token = fromEnv;
        } else if (Files.isRegularFile(tokenFile)) {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } else {
            throw new NodeFileException(
                    tokenFile, "missing; set " + CliContext.ADMIN_TOKEN_VARIABLE + " or restore it");
        }
        String problem = AdminToken.problemWith(token);
        if (problem != null) {
            throw new NodeFileException(
                    fromEnv != null ? CliContext.ADMIN_TOKEN_VARIABLE + ": " + problem : tokenFile + ": " + problem);
        }
        return AdminToken.of(token);
    }
}
