package org.tsunagu.node.home;

import java.nio.file.Path;

/** A file of the data folder is missing, unreadable or malformed; the message says which and why. */
public class NodeFileException extends RuntimeException {
    public NodeFileException(Path file, String message) {
        super(file + ": " + message);
    }

    public NodeFileException(String message) {
        super(message);
    }
}
