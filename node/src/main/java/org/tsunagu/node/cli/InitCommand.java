package org.tsunagu.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    private final CliContext context;

    InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Initializer.Result result =
                Initializer.initialise(data.dataDir(), identity, "localhost", ServeCommand.DEFAULT_PORT, context);
        Initializer.report(result, spec.commandLine().getOut());
        spec.commandLine().getOut().println("Start it with: scripts/tsunagu serve --data " + data.dataDir());
        return 0;
    }
}
