package org.tsunagu.node.ops.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A database file checked by SQLite's integrity check.
 *
 * @param origins the origins whose logs it holds
 * @param envelopes the envelopes it holds, all origins together
 */
public record BackupSummary(Path file, long bytes, int origins, long envelopes) {
    public BackupSummary {
        Objects.requireNonNull(file, "file");
    }
}
