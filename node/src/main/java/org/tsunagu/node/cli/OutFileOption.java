package org.tsunagu.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out} option of commands that write a new file (a backup, a bundle). */
final class OutFileOption {
    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            required = true,
            description = "The file to write; must not exist yet.")
    Path out;

    Path file() {
        return out.toAbsolutePath();
    }
}
