package org.tsunagu.protocol.seal;

import org.tsunagu.protocol.ProtocolException;

/**
 * A sealed part addressed to this hub that cannot be opened: tampered ciphertext, a wrapped key for
 * an encryption key this hub does not hold, or plaintext that is not a JSON object.
 */
public class SealException extends ProtocolException {
    public SealException(String path, String message) {
        super(path, message);
    }
}
