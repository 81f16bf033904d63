package org.tsunagu.node.cli;

import java.nio.file.Path;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
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

    /** The node's database file in the folder (it need not exist). */
    Path databaseFile() {
        return dataDir().resolve(NodeConfig.DATABASE_FILE);
    }

    /** The folder's node.json, for commands that need a node made by init. */
    NodeConfig initialisedConfig() {
        if (!NodeConfig.isInitialised(dataDir())) {
            throw new NodeFileException(dataDir() + " is not a node's data folder (run init first)");
        }
        return NodeConfig.read(dataDir());
    }
}
