package org.tsunagu.protocol.seal;

/**
 * A sealed part names this hub with an encryption key it does not hold (lost, or never its own): the
 * node raises an alert for its administrator and keeps the envelope, unreadable, rather than failing.
 */
public class UnknownKeyException extends SealException {
    private final EncryptionKeyId keyId;

    public UnknownKeyException(String path, EncryptionKeyId keyId) {
        super(path, "sealed for this hub's encryption key " + keyId + ", which this node does not hold");
        this.keyId = keyId;
    }

    public EncryptionKeyId keyId() {
        return keyId;
    }
}
