package org.tsunagu.node.db;

import java.sql.SQLException;

/**
 * The disk (or the database's size limit) is full: SQLite answered SQLITE_FULL. Nothing of the failed
 * write was kept; the node still answers reads, and writes succeed again once space is freed, without a
 * restart. Answered as 507 Insufficient Storage.
 */
public final class StorageFullException extends StorageException {
    /** SQLite's primary result code SQLITE_FULL. */
    static final int SQLITE_FULL = 13;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code e} (or an exception it wraps) is SQLite saying the disk is full. */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageFullException) {
                return true;
            }
            // sqlite-jdbc reports the primary result code as the vendor code (extended codes keep it in the low byte).
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_FULL) {
                return true;
            }
        }
        return false;
    }

    /** A storage failure for {@code cause}: a {@link StorageFullException} if SQLite said the disk is full. */
    public static StorageException wrap(String message, Throwable cause) {
        return isFull(cause) ? new StorageFullException(message, cause) : new StorageException(message, cause);
    }
}
