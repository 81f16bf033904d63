package org.tsunagu.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option shared by every command. */
public final class DataOption {
    @Option(
            names = {"-d", "--data"},
            paramLabel = "DIR",
            defaultValue = "./data",
            description = "Data folder (database, key, token, node.json). Env: TSUNAGU_DATA. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }
}
