package org.tsunagu.node;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.tsunagu.node.app.StartupPreload;
import org.tsunagu.node.cli.CliContext;
import org.tsunagu.node.cli.TsunaguCommand;

/**
 * The process entry point: parses the command line and exits with the command's status. The node's
 * parts are built in {@link org.tsunagu.node.app.NodeAssembly}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            StartupPreload.start();
        }
        Logging.quiet();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command; returns its exit status. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CliContext context = new CliContext(env, Clock.systemUTC(), new SecureRandom());
        return TsunaguCommand.commandLineFor(args, context, out, err).execute(args);
    }
}
