package org.tsunagu.node.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.tsunagu.node.Main;

/** Runs {@code tsunagu} commands in-process, as an admin would type them. */
public final class OpsCli {
    private OpsCli() {}

    /** One command's exit status and what it printed. */
    public record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\nout: " + out + "\nerr: " + err;
        }
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** The same with {@code env} as the environment (TSUNAGU_* variables). */
    public static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** {@code tsunagu init} of a hub in {@code data}; fails the test if it does not work. */
    public static Run init(Path data, String hub) {
        Run run = run(
                "init",
                "--data",
                data.toString(),
                "--hub",
                hub,
                "--name",
                "Hub " + hub,
                "--country",
                hub.substring(0, 2).toUpperCase(java.util.Locale.ROOT),
                "--url",
                "http://127.0.0.1:9/");
        if (run.status() != 0) {
            throw new AssertionError("init failed: " + run);
        }
        return run;
    }
}
