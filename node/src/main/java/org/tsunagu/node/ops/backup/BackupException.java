package org.tsunagu.node.ops.backup;

import java.io.IOException;

/** A backup or restore that could not be done; the message says why and what to do, for the admin. */
public final class BackupException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
