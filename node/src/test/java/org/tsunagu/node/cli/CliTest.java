package org.tsunagu.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.Main;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.home.NodeConfig;

class CliTest {
    @TempDir
    Path tmp;

    /** One command's exit status and what it printed. */
    record Run(int status, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Run init(Path data, Map<String, String> env) {
        return run(
                env,
                "init",
                "--data",
                data.toString(),
                "--hub",
                "jp-test",
                "--name",
                "Test hub",
                "--country",
                "JP",
                "--url",
                "http://localhost:8080/");
    }

    @Test
    void help_everyCommand_printsUsageAndExitsZero() {
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("init", "--help"),
                List.of("serve", "--help"),
                List.of("fingerprint", "--help"),
                List.of("verify", "--help"),
                List.of("help", "serve"))) {
            Run result = run(Map.of(), args.toArray(String[]::new));
            assertEquals(0, result.status(), args.toString());
            assertTrue(result.out().contains("Usage:"), args + ": " + result.out());
        }
    }

    @Test
    void commandLineFor_aCommandsName_buildsThatCommandAlone() {
        CliContext context = new CliContext(Map.of(), java.time.Clock.systemUTC(), new java.security.SecureRandom());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        picocli.CommandLine serve =
                TsunaguCommand.commandLineFor(new String[] {"serve", "--port", "0"}, context, quiet, quiet);
        assertEquals(List.of("serve"), List.copyOf(serve.getSubcommands().keySet()));
        // serve's settings are still its options (they are added after the command is built).
        serve.parseArgs("serve", org.tsunagu.node.settings.Settings.PULL_INTERVAL.flag(), "1m");
        List<String> all = List.copyOf(TsunaguCommand.commandLine(context, quiet, quiet)
                .getSubcommands()
                .keySet());
        for (String[] args : List.of(
                new String[] {}, new String[] {"--help"}, new String[] {"help", "serve"}, new String[] {"frobnicate"
                })) {
            assertEquals(
                    all,
                    List.copyOf(TsunaguCommand.commandLineFor(args, context, quiet, quiet)
                            .getSubcommands()
                            .keySet()),
                    List.of(args).toString());
        }
        assertTrue(all.containsAll(List.of("init", "serve", "verify", "import-bundle", "help")), all.toString());
    }

    @Test
    void topLevelHelp_listsEveryCommand() {
        Run result = run(Map.of(), "--help");
        for (String command : List.of(
                "init",
                "serve",
                "fingerprint",
                "verify",
                "healthcheck",
                "backup",
                "restore",
                "export-bundle",
                "import-bundle",
                "help")) {
            assertTrue(result.out().contains("  " + command + " "), command + ": " + result.out());
        }
    }

    @Test
    void unknownCommandOrOption_exitsTwo() {
        assertEquals(2, run(Map.of(), "frobnicate").status());
        assertEquals(2, run(Map.of(), "init", "--colour", "red").status());
    }

    @Test
    void init_freshFolder_createsPrivateFilesAndPrintsTokenOnce() throws Exception {
        Path data = tmp.resolve("data");
        Run result = init(data, Map.of());
        assertEquals(0, result.status(), result.err());
        String token = Files.readString(data.resolve("admin.token")).strip();
        assertTrue(result.out().contains(token), "the token is shown at init");
        for (String secret : List.of("admin.token", "node.key")) {
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret))));
        }
        assertEquals("jp-test", NodeConfig.read(data).hub().value());

        Run again = init(data, Map.of());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("already initialised"), again.err());
        assertEquals(token, Files.readString(data.resolve("admin.token")).strip(), "nothing is replaced");
    }

    @Test
    void init_tokenFromEnvironment_keptButNotPrinted() throws Exception {
        String token = "container-provided-token-0123456789";
        Path data = tmp.resolve("data");
        Run result = init(data, Map.of("TSUNAGU_ADMIN_TOKEN", token));
        assertEquals(0, result.status(), result.err());
        assertFalse(result.out().contains(token));
        assertEquals(token, Files.readString(data.resolve("admin.token")).strip());
    }

    @Test
    void init_badCountry_failsBeforeWritingAnything() {
        Path data = tmp.resolve("data");
        Run result = run(Map.of(), "init", "--data", data.toString(), "--country", "Japan");
        assertEquals(1, result.status());
        assertTrue(result.err().contains("--country"), result.err());
        assertFalse(Files.exists(data));
    }

    @Test
    void fingerprint_dataFolderFromEnvironment_printsKeyOfInit() {
        Path data = tmp.resolve("data");
        Run created = init(data, Map.of());
        Matcher key = Pattern.compile("key\\s+(ed25519:\\S+)").matcher(created.out());
        assertTrue(key.find(), created.out());

        Run result = run(Map.of("TSUNAGU_DATA", data.toString()), "fingerprint");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains(key.group(1)), result.out());
        assertTrue(result.out().matches("(?s).*fingerprint\\s+\\S{4}-\\S{4}-\\S{4}-\\S{4}.*"), result.out());
    }

    @Test
    void serve_newFolderWithoutCountry_asksForOneAndCreatesNothing() {
        Path data = tmp.resolve("data");
        Run result = run(Map.of(), "serve", "--data", data.toString(), "--port", "0");
        assertEquals(1, result.status(), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("--country") && result.err().contains("TSUNAGU_COUNTRY"), result.err());
        assertFalse(Files.exists(data), "nothing initialised");
    }

    @Test
    void init_countryFromEnvironment_isTheHubsCountry() {
        Path data = tmp.resolve("data");
        Run result = run(Map.of("TSUNAGU_COUNTRY", "TH"), "init", "--data", data.toString(), "--hub", "th-env");
        assertEquals(0, result.status(), result.err());
        assertEquals("TH", NodeConfig.read(data).country());
    }

    @Test
    void serve_hubEditedInNodeJson_stopsWithOneLineAndForksNothing() throws Exception {
        Path data = tmp.resolve("data");
        assertEquals(0, init(data, Map.of()).status());
        Path nodeJson = data.resolve("node.json");
        Files.writeString(nodeJson, Files.readString(nodeJson).replace("\"jp-test\"", "\"jp-renamed\""));
        assertEquals("jp-renamed", NodeConfig.read(data).hub().value());

        Run result = run(Map.of(), "serve", "--data", data.toString(), "--port", "0");

        assertEquals(1, result.status(), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("jp-test") && result.err().contains("--new-identity"), result.err());
        try (var db = org.tsunagu.node.db.Database.open(data.resolve("tsunagu.db"))) {
            long renamedKeys = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT count(*) FROM hub_keys WHERE hub = 'jp-renamed'");
                        var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(0, renamedKeys, "no second origin was started");
        }
    }

    @Test
    void fingerprint_uninitialisedFolder_exitsOne() {
        Run result = run(Map.of(), "fingerprint", "--data", tmp.resolve("none").toString());
        assertEquals(1, result.status());
        assertTrue(result.err().contains("not a node's data folder"), result.err());
    }

    @Test
    void healthcheck_runningNodeOrNothing_exitZeroOrOne() throws Exception {
        try (TestNode node = TestNode.start(tmp.resolve("live"), "jp-health", "JP")) {
            Run up = run(Map.of("TSUNAGU_PORT", Integer.toString(node.server.port())), "healthcheck");
            assertEquals(0, up.status(), up.err());
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run down = run(Map.of(), "healthcheck", "--port", Integer.toString(closed));
        assertEquals(1, down.status());
        assertTrue(down.err().contains("unreachable: connection refused"), down.err());
        assertFalse(down.err().contains("null"), down.err());
    }

    @Test
    void warmup_exercisesATemporaryNode_exitsZero() {
        Run run = run(Map.of(), "warmup");
        assertEquals(0, run.status(), run.err());
    }
}
