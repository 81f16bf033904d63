package org.tsunagu.node.ops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.OpsCli;
import org.tsunagu.protocol.UpdateType;

class BackupRestoreTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Path data;
    private NodeConfig config;

    @BeforeEach
    void setUp() {
        data = tmp.resolve("node");
        OpsCli.init(data, "jp-backup");
        config = NodeConfig.read(data);
    }

    private Node open() {
        return NodeAssembly.openNode(config, KeyFile.read(config.keyFile()), Clock.systemUTC());
    }

    /** Enough organisations that SQLite's backup takes many steps of 100 pages. */
    private static void seed(Node node, int count) {
        node.database().inTransaction(c -> {
            for (int i = 0; i < count; i++) {
                node.publisher().publish(UpdateType.ORG_UPSERT, org("seed-" + i, i));
            }
            return null;
        });
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode org(String id, int i) {
        return TestHub.org(id, "Organisation " + i, "JP")
                .put(
                        "description",
                        "Community development and disaster preparedness work, record " + i + ". ".repeat(20));
    }

    @Test
    void backup_underWriteLoad_restoresAndVerifiesClean() throws Exception {
        Path file = tmp.resolve("backups").resolve("jp-backup.db");
        Files.createDirectories(file.getParent());
        BackupSummary summary;
        long before;
        long after;
        try (Node node = open()) {
            seed(node, 1_500);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong published = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        node.publisher().publish(UpdateType.ORG_UPSERT, org("load-" + i, i));
                        published.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            try {
                awaitAtLeast(published::get, 20);
                before = node.log().count();
                summary = DatabaseBackup.backup(config.databaseFile(), file);
                after = node.log().count();
                long publishedAtEnd = published.get();
                // The node kept writing while and after the backup ran.
                awaitAtLeast(published::get, publishedAtEnd + 20);
            } finally {
                stop.set(true);
                writer.join(PATIENCE.toMillis());
            }
            assertEquals(null, failure.get(), "the writer never failed while the backup ran");
        }
        assertTrue(
                summary.envelopes() >= before && summary.envelopes() <= after,
                summary.envelopes() + " envelopes: a snapshot between " + before + " and " + after);
        assertEquals(List.of(), sideFiles(file.getParent()), "no temporary files are left behind");

        OpsCli.Run restore = restore(file);
        assertEquals(0, restore.status(), restore.toString());
        OpsCli.Run verify = OpsCli.run("verify", "--data", data.toString());
        assertEquals(0, verify.status(), verify.toString());
        try (Node node = open()) {
            assertEquals(summary.envelopes(), node.log().count());
            node.publisher().publish(UpdateType.ORG_UPSERT, org("after-restore", 0));
        }
        assertEquals(1, kept().size(), "the replaced database is kept");
    }

    @Test
    void backup_outExists_refusedAndExistingFileUntouched() throws Exception {
        Path file = tmp.resolve("exists.db");
        Files.writeString(file, "mine");
        BackupException e =
                assertThrows(BackupException.class, () -> DatabaseBackup.backup(config.databaseFile(), file));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void backupCommand_printsWhatItCopied() {
        Path file = tmp.resolve("cli.db");
        OpsCli.Run run = OpsCli.run("backup", "--data", data.toString(), "--out", file.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(Files.isRegularFile(file));
        assertTrue(run.out().contains("backed up"), run.out());
    }

    @Test
    void restore_whileTheNodeIsRunning_refusedAndDatabaseUntouched() throws Exception {
        Path file = tmp.resolve("b.db");
        try (Node node = open()) {
            seed(node, 5);
            DatabaseBackup.backup(config.databaseFile(), file);
            node.publisher().publish(UpdateType.ORG_UPSERT, org("later", 1));
            long countBefore = node.log().count();

            OpsCli.Run restore = restore(file);

            assertEquals(1, restore.status(), restore.toString());
            assertTrue(restore.err().contains("in use"), restore.err());
            assertEquals(countBefore, node.log().count());
        }
        assertEquals(List.of(), kept());
    }

    @Test
    void restore_existingDatabaseWithoutForce_refused() throws Exception {
        Path file = tmp.resolve("b.db");
        DatabaseBackup.backup(config.databaseFile(), file);
        OpsCli.Run restore = OpsCli.run("restore", "--data", data.toString(), file.toString());
        assertEquals(1, restore.status());
        assertTrue(restore.err().contains("--force"), restore.err());
    }

    @Test
    void restore_backupWithAlteredEnvelope_refusedAndDatabaseUntouched() throws Exception {
        Path file = seededBackup(5);
        try (Connection c = SqliteFiles.open(file, false, 1_000);
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE log SET envelope = replace(envelope, 'Organisation 3', 'Organisation X') WHERE seq = 5");
        }

        OpsCli.Run restore = restore(file);

        assertEquals(1, restore.status(), restore.toString());
        assertTrue(restore.err().contains("does not verify"), restore.err());
        assertEquals(List.of(), kept());
        assertEquals(0, OpsCli.run("verify", "--data", data.toString()).status());
    }

    @Test
    void restore_damagedFile_refusedByIntegrityCheck() throws Exception {
        Path file = seededBackup(200);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(file, bytes);

        BackupException e = assertThrows(
                BackupException.class,
                () -> new DatabaseRestore(f -> {}, Clock.systemUTC()).restore(file, config.databaseFile(), true));

        assertFalse(e.getMessage().isEmpty());
        assertEquals(List.of(), kept());
    }

    private Path seededBackup(int organisations) throws BackupException {
        try (Node node = open()) {
            seed(node, organisations);
        }
        return DatabaseBackup.backup(config.databaseFile(), tmp.resolve("b.db")).file();
    }

    private OpsCli.Run restore(Path file) {
        return OpsCli.run("restore", "--data", data.toString(), "--force", file.toString());
    }

    private List<Path> kept() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().contains(".before-restore-"))
                    .toList();
        }
    }

    private static List<Path> sideFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().equals("jp-backup.db"))
                    .toList();
        }
    }

    private static void awaitAtLeast(LongSupplier value, long target) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (value.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + target + ", got " + value.getAsLong());
            }
            Thread.sleep(5);
        }
    }
}
