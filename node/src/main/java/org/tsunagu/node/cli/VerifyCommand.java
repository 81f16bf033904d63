package org.tsunagu.node.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.log.LogVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-verify every stored envelope of every origin: canonical form, signature with the origin's key for"
                    + " that seq, body rules, and the chain (seqs without gaps, prev = hash of the previous envelope).",
            "Then replays the whole log into a scratch database and checks that the directory it gives equals the"
                    + " node's own (nothing applied twice or lost); prints both digests and the heads digest, which"
                    + " nodes holding the same logs share.",
            "Safe while the node runs. Exit status 0 when everything verifies, 1 on any fault."
        })
final class VerifyCommand implements Callable<Integer> {
    private static final int MAX_FAULTS_SHOWN = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(
            names = "--skip-rebuild",
            description = "Check the log only, not the directory against a rebuild (which takes about as long as"
                    + " ingesting the whole log once).")
    boolean skipRebuild;

    @Override
    public Integer call() {
        NodeConfig config = data.initialisedConfig();
        LogVerifier.Summary summary;
        Clock clock = Clock.systemUTC();
        try (Node node = NodeAssembly.openForReading(config, clock)) {
            summary = new LogVerifier(node.log(), node.keys(), clock).verifyAll();
        }
        PrintWriter out = spec.commandLine().getOut();
        summary.faults().stream().limit(MAX_FAULTS_SHOWN).forEach(f -> out.println("FAULT " + f));
        if (summary.faults().size() > MAX_FAULTS_SHOWN) {
            out.println("... and " + (summary.faults().size() - MAX_FAULTS_SHOWN) + " more faults");
        }
        out.println("verified " + summary.envelopes() + " envelopes of " + summary.origins() + " origins: "
                + (summary.faults().isEmpty() ? "no faults" : summary.faults().size() + " faults"));
        boolean rebuildAgrees = true;
        if (!skipRebuild) {
            DirectoryRebuild.Outcome rebuild = DirectoryRebuild.compare(
                    config.databaseFile(), clock, NodeAssembly.materializer(config, null, clock));
            out.println("heads " + rebuild.headsDigest());
            out.println("directory " + rebuild.digest());
            out.println("rebuilt from " + rebuild.replayed() + " envelopes " + rebuild.rebuilt());
            rebuildAgrees = rebuild.differingParts().isEmpty();
            if (!rebuildAgrees) {
                out.println("FAULT the directory differs from a rebuild of the log in " + rebuild.differingParts());
            }
        }
        return summary.faults().isEmpty() && rebuildAgrees ? 0 : TsunaguCommand.FAILED;
    }
}
