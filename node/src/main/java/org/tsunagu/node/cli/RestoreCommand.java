package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.federation.RollbackGuard;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.LogVerifier;
import org.tsunagu.node.ops.backup.BackupException;
import org.tsunagu.node.ops.backup.DatabaseRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Put a backup made by 'tsunagu backup' in place of the node's database. Stop the node first.",
            "The backup must pass SQLite's integrity check and the same check as 'tsunagu verify' (every"
                    + " signature and chain) before anything is replaced; the database it replaces is kept,"
                    + " renamed tsunagu.db.before-restore-TIME.",
            "In a federation the backup may be older than what the hub's followers hold. The next 'tsunagu serve'"
                    + " therefore asks the nodes that hold the hub's log for its head and pulls back every envelope"
                    + " signed after the backup before it signs anything; until then admin writes answer 503."
        })
final class RestoreCommand implements Callable<Integer> {
    private static final int FAULTS_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path backup;

    @Option(names = "--force", description = "Replace an existing database (it is kept, renamed).")
    boolean force;

    @Override
    public Integer call() throws BackupException {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        DatabaseRestore.Restored restored = new DatabaseRestore(file -> verify(file, clock), clock)
                .restore(backup.toAbsolutePath(), data.databaseFile(), force);
        if (restored.replacedKeptAs() != null) {
            out.println("the previous database is kept as " + restored.replacedKeptAs());
        }
        out.println("restored " + restored.restored().envelopes() + " envelopes of "
                + restored.restored().origins() + " origins, all verified, into " + data.dataDir());
        markRestored();
        out.println("in a federation: the next 'tsunagu serve' first pulls back from the nodes that hold this"
                + " hub's log whatever it signed after this backup, and signs nothing (admin writes answer 503)"
                + " until it has; see docs/OPERATIONS.md, \"Backups in a federation\"");
        if (!NodeConfig.isInitialised(data.dataDir())) {
            spec.commandLine()
                    .getErr()
                    .println("tsunagu restore: " + data.dataDir() + " has no node.json/node.key yet: put the hub's"
                            + " saved ones back before 'tsunagu serve', or it will start as a new hub");
        }
        return 0;
    }

    /**
     * Leaves the marker that makes the next start check with the holders of the hub's log even when
     * the backup names none of them (it may predate every follower).
     */
    private void markRestored() {
        Path marker = data.dataDir().resolve(RollbackGuard.RESTORED_MARKER);
        try {
            Files.writeString(marker, Clock.systemUTC().instant() + " restored from " + backup.getFileName() + "\n");
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("tsunagu restore: warning: cannot write " + marker + " (" + e.getMessage() + ")");
        }
    }

    /** The check of {@code tsunagu verify}, on the copy about to be put in place. */
    private static void verify(Path file, Clock clock) throws BackupException {
        LogVerifier.Summary summary;
        try (Database db = Database.open(file)) {
            summary = new LogVerifier(new LogStore(db), new KeyRing(db, clock), clock).verifyAll();
        } catch (RuntimeException e) {
            throw new BackupException("cannot open the backup as a node database: " + e.getMessage(), e);
        }
        if (!summary.faults().isEmpty()) {
            throw new BackupException(
                    "the backup does not verify (" + summary.faults().size() + " faults): "
                            + summary.faults().stream()
                                    .limit(FAULTS_SHOWN)
                                    .map(Object::toString)
                                    .collect(Collectors.joining("; ")));
        }
    }
}
