package org.tsunagu.node.cli;

import java.util.concurrent.Callable;
import org.tsunagu.node.ops.backup.BackupException;
import org.tsunagu.node.ops.backup.BackupSummary;
import org.tsunagu.node.ops.backup.DatabaseBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Copy the node's database to FILE with SQLite's online backup: safe while the node serves.",
            "The copy is checked before it gets its name. Keep node.key, node.json and admin.token safe"
                    + " separately: they are not in the database."
        })
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    OutFileOption out;

    @Override
    public Integer call() throws BackupException {
        BackupSummary summary = DatabaseBackup.backup(data.databaseFile(), out.file());
        spec.commandLine()
                .getOut()
                .println("backed up " + summary.envelopes() + " envelopes of " + summary.origins() + " origins ("
                        + summary.bytes() + " bytes) to " + summary.file());
        return 0;
    }
}
