package org.tsunagu.node.cli;

import java.util.concurrent.Callable;
import org.tsunagu.node.app.Initializer;
import org.tsunagu.node.home.NodeFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create a node's data folder: SQLite database, Ed25519 key (node.key, 0600), admin token (admin.token,"
                    + " 0600, printed once) and node.json, and sign the hub's first hub.profile.",
            "Set TSUNAGU_ADMIN_TOKEN to choose the token instead of generating one."
        })
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    IdentityOptions identity;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "N",
            defaultValue = "8080",
            description = "TCP port serve will listen on (kept in node.json). Env: TSUNAGU_PORT. Default:"
                    + " ${DEFAULT-VALUE}")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address serve will listen on (kept in node.json); 0.0.0.0 for all. Env: TSUNAGU_HOST."
                    + " Default: ${DEFAULT-VALUE}")
    String host;

    @Option(
            names = "--recover-from",
            paramLabel = "URL",
            description = "Rebuild a hub that lost its data folder but kept node.key: pull its own log back from"
                    + " the node at URL (a follower, or any node that holds it), rebuild the directory and node.json"
                    + " from it, and sign nothing; serve then continues the chain. Needs node.key in the folder,"
                    + " or --key. --hub is found from the key when not given.")
    String recoverFrom;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "With --recover-from: the hub's saved node.key, copied into the folder (mode 0600).")
    java.nio.file.Path keyFrom;

    private final CliContext context;

    InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new NodeFileException("--port: must be 0..65535");
        }
        if (keyFrom != null && recoverFrom == null) {
            throw new NodeFileException("--key is only for --recover-from (a new hub gets a new key)");
        }
        if (recoverFrom != null) {
            Initializer.Recovered recovered = Initializer.recover(
                    data.dataDir(),
                    identity.resolve(context),
                    host,
                    port,
                    keyFrom,
                    recoverFrom,
                    context.clock(),
                    context.random());
            Initializer.report(recovered.result(), spec.commandLine().getOut());
            spec.commandLine()
                    .getOut()
                    .println("  recovered    this hub's log up to seq " + recovered.head() + " from " + recoverFrom
                            + "; " + recovered.peerNote());
            spec.commandLine()
                    .getOut()
                    .println("  followers    re-subscribe at their next pull; approve those not pinned here"
                            + " (GET /admin/v1/subscribers)");
            spec.commandLine().getOut().println(serveCommand(data.dataDir(), host, port));
            return 0;
        }
        Initializer.Result result = Initializer.initialise(
                data.dataDir(), identity.resolve(context), host, port, context.clock(), context.random());
        Initializer.report(result, spec.commandLine().getOut());
        spec.commandLine().getOut().println(serveCommand(data.dataDir(), host, port));
        return 0;
    }

    /**
     * The exact command that starts the node: serve reads where to listen from node.json, so no flag
     * but the data folder is needed (and none when TSUNAGU_DATA names it).
     */
    static String serveCommand(java.nio.file.Path dataDir, String host, int port) {
        return "Start it with: scripts/tsunagu serve --data "
                + quoted(dataDir.toAbsolutePath().normalize().toString())
                + "\n               (listens on " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + " as node.json's \"listen\" says; edit it there, or override with --host/--port)";
    }

    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
