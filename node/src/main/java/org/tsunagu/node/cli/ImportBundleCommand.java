package org.tsunagu.node.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.ops.bundle.BundleImportResult;
import org.tsunagu.node.settings.Setting;
import org.tsunagu.node.settings.SettingSources;
import org.tsunagu.node.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import-bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a bundle written by 'tsunagu export-bundle', checked exactly as if its envelopes had been"
                    + " pushed: each origin's pinned key, signatures and chain. All or nothing: a tampered,"
                    + " truncated or out-of-order bundle applies nothing and names the line at fault.",
            "An origin whose key is not pinned is learned from its seq-1 hub.profile only while learn_origins"
                    + " is on (its default; also TSUNAGU_LEARN_ORIGINS or node.json's \"settings\", as for"
                    + " serve); with it off, such a bundle is refused naming the origin.",
            "While the node runs, prefer POST /admin/v1/bundles (the node then forwards what is new at once)."
        })
final class ImportBundleCommand implements Callable<Integer> {
    /** The settings that apply to an import: only the origin policy. */
    static final List<Setting<?>> SETTINGS = List.of(Settings.LEARN_ORIGINS);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Parameters(index = "0", paramLabel = "FILE", description = "The bundle.")
    Path file;

    private final CliContext context;

    ImportBundleCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig config = NodeConfig.read(data.dataDir());
        Settings settings =
                SettingSources.resolve(SettingOptions.given(spec, SETTINGS), context.env(), config.configFile());
        BundleImportResult result;
        try (Node node = NodeAssembly.openForReading(config, context.clock());
                InputStream in = Files.newInputStream(file)) {
            result = NodeAssembly.bundleImporter(node, settings.learnOrigins()).importFrom(in);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("applied " + file + ": " + result.accepted() + " new envelopes, " + result.duplicates()
                + " already held");
        return 0;
    }
}
