package org.tsunagu.protocol.sign;

/**
 * One signature found on a request: its label, its {@code Signature-Input} member and its {@code
 * Signature} bytes. Not yet verified. (A class rather than a record because it holds bytes.)
 */
public final class ReceivedSignature {
    private final String label;
    private final SignatureParameters parameters;
    private final byte[] signature;

    ReceivedSignature(String label, SignatureParameters parameters, byte[] signature) {
        this.label = label;
        this.parameters = parameters;
        this.signature = signature.clone();
    }

    public String label() {
        return label;
    }

    public SignatureParameters parameters() {
        return parameters;
    }

    /** A copy of the signature bytes, as decoded from the byte sequence. */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return label + "=" + parameters.serialize();
    }
}
