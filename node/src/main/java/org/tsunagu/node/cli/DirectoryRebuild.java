package org.tsunagu.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.StorageException;
import org.tsunagu.node.directory.DirectoryDigest;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ProtocolException;

/**
 * Replays a node's whole log into a fresh database, as if every envelope had just arrived, and compares
 * the directory that results with the one the node materialised as it went. They differ only if an
 * envelope was applied twice or not at all, or a crash left the state and the log apart.
 *
 * <p>The node's log and directory are read in one read transaction, a consistent snapshot even while
 * the node keeps writing.
 */
final class DirectoryRebuild {
    private static final int BATCH = 500;

    /** The directory's digest, the rebuild's, and the parts that differ (empty when they agree). */
    record Outcome(String digest, String headsDigest, String rebuilt, List<String> differingParts, long replayed) {}

    private DirectoryRebuild() {}

    /** @param materializer as the node's own (it opens the sealed records this hub opened) */
    static Outcome compare(Path databaseFile, Clock clock, Materializer materializer) {
        Path scratch = null;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection source = config.createConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath())) {
            // One transaction: the log replayed and the digest taken see the same snapshot.
            source.setAutoCommit(false);
            Map<String, String> held = DirectoryDigest.ofParts(source);
            String heads = DirectoryDigest.heads(source);
            scratch = Files.createTempDirectory("tsunagu-rebuild-");
            long replayed;
            Map<String, String> rebuilt;
            try (Database fresh = Database.open(scratch.resolve("rebuild.db"))) {
                replayed = replay(source, new Ingestor(fresh, clock, origin -> true, materializer));
                rebuilt = fresh.read(DirectoryDigest::ofParts);
            }
            source.rollback();
            List<String> differing = new ArrayList<>();
            held.forEach((part, digest) -> {
                if (!digest.equals(rebuilt.get(part))) {
                    differing.add(part);
                }
            });
            return new Outcome(digestOf(held), heads, digestOf(rebuilt), List.copyOf(differing), replayed);
        } catch (SQLException e) {
            throw new StorageException("cannot read " + databaseFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("cannot make a scratch folder for the rebuild: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static long replay(Connection source, Ingestor ingestor) throws SQLException {
        long replayed = 0;
        List<Envelope> batch = new ArrayList<>(BATCH);
        try (PreparedStatement ps = source.prepareStatement("SELECT envelope FROM log ORDER BY origin, seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    batch.add(Envelope.parse(rs.getString(1)));
                } catch (ProtocolException e) {
                    continue; // reported by the log check; the rebuild then differs where it matters
                }
                if (batch.size() == BATCH) {
                    replayed += ingest(ingestor, batch);
                }
            }
        }
        return replayed + ingest(ingestor, batch);
    }

    private static int ingest(Ingestor ingestor, List<Envelope> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        IngestReport report = ingestor.ingest(List.copyOf(batch));
        batch.clear();
        return report.accepted().size();
    }

    private static String digestOf(Map<String, String> parts) {
        return DirectoryDigest.combinedOf(parts);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder under the system's temporary directory; nothing depends on it
        }
    }
}
