package org.tsunagu.protocol;

/** A signature did not verify, or was made with a key that is not allowed to sign this message. */
public class InvalidSignatureException extends ProtocolException {
    public InvalidSignatureException(String path, String message) {
        super(path, message);
    }
}
