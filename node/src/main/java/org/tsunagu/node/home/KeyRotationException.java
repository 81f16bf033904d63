package org.tsunagu.node.home;

/**
 * A key rotation refused before anything was signed or switched: the key files do not allow it
 * ({@code node.key} holds another key, or the new key cannot be stored), or the log names another
 * key. Federation answers it as 409.
 */
public class KeyRotationException extends RuntimeException {
    public KeyRotationException(String message) {
        super(message);
    }
}
