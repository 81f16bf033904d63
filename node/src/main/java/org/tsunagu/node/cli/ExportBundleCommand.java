package org.tsunagu.node.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.ops.bundle.BundleExporter;
import org.tsunagu.node.ops.bundle.BundleManifest;
import org.tsunagu.node.ops.bundle.BundleSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export-bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Write envelopes this node holds to a bundle file (gzip'd NDJSON, a manifest first) for a hub"
                    + " that cannot be reached over the network. Safe while the node serves.",
            "The receiving hub checks every signature and chain itself: whoever carries the file cannot alter it."
        })
final class ExportBundleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    OutFileOption out;

    @Option(
            names = "--origins",
            paramLabel = "HUB[,HUB...]",
            description = "Only these origins. Default: every origin held.")
    List<String> origins = new ArrayList<>();

    @Option(
            names = "--after",
            paramLabel = "SEQ|HUB=SEQ",
            description = "Leave out what the receiver holds already: envelopes up to SEQ (of every origin, or of"
                    + " HUB). Repeatable.")
    List<String> after = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        NodeConfig config = NodeConfig.read(data.dataDir());
        BundleSelection selection;
        try {
            selection = BundleSelection.parse(origins, after);
        } catch (IllegalArgumentException e) {
            throw new NodeFileException(e.getMessage());
        }
        Path target = out.file();
        if (Files.exists(target)) {
            throw new NodeFileException(target, "already exists; choose another name or remove it first");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        BundleManifest manifest;
        try (Node node = NodeAssembly.openForReading(config, Clock.systemUTC())) {
            try (OutputStream stream = Files.newOutputStream(partial)) {
                manifest = new BundleExporter(node.log(), Clock.systemUTC()).export(selection, stream);
            } catch (IllegalArgumentException e) {
                throw new NodeFileException(e.getMessage());
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        spec.commandLine().getOut().println("wrote " + manifest.count() + " envelopes to " + target);
        for (BundleManifest.OriginRange r : manifest.origins()) {
            spec.commandLine().getOut().println("  " + r.origin() + " seq " + r.from() + ".." + r.to());
        }
        return 0;
    }
}
