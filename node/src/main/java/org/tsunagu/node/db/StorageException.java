package org.tsunagu.node.db;

/** The database failed (I/O, corruption, a bug in SQL): not the caller's input. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
