package org.tsunagu.node.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tsunagu.node.Main;
import org.tsunagu.node.NodeConfig;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.ops.bundle.BundleImportResult;
import org.tsunagu.node.ops.bundle.BundleImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import-bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a bundle written by 'tsunagu export-bundle', checked exactly as if its envelopes had been"
                    + " pushed: each origin's pinned key, signatures and chain. All or nothing: a tampered,"
                    + " truncated or out-of-order bundle applies nothing and names the line at fault.",
            "While the node runs, prefer POST /admin/v1/bundles (the node then forwards what is new at once)."
        })
final class ImportBundleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Parameters(index = "0", paramLabel = "FILE", description = "The bundle.")
    Path file;

    @Option(
            names = "--trust-new-origins",
            description = "Accept origins this node has no key for, pinning the key of their first hub.profile"
                    + " (trust on first sight). Default: only origins whose key is pinned.")
    boolean trustNewOrigins;

    @Override
    public Integer call() throws Exception {
        NodeConfig config = NodeConfig.read(data.dataDir());
        Clock clock = Clock.systemUTC();
        BundleImportResult result;
        try (Main.Node node = Main.openForReading(config, clock);
                InputStream in = Files.newInputStream(file)) {
            Ingestor ingestor = new Ingestor(node.database(), clock, origin -> trustNewOrigins);
            result = new BundleImporter(node.database(), ingestor).importFrom(in);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("applied " + file + ": " + result.accepted() + " new envelopes, " + result.duplicates()
                + " already held");
        return 0;
    }
}
