package org.tsunagu.protocol;

/** The bytes are not a well-formed protocol message: bad JSON, bad encoding, missing or extra members. */
public class MalformedMessageException extends ProtocolException {
    public MalformedMessageException(String path, String message) {
        super(path, message);
    }

    public MalformedMessageException(String path, String message, Throwable cause) {
        super(path, message, cause);
    }
}
