package org.tsunagu.protocol.sign;

import org.tsunagu.protocol.InvalidSignatureException;

/**
 * Finds the public key for the {@code keyid} of a signature. In our profile the key id is the sender's
 * {@code ed25519:...} key id; the node decides whether that key is one it accepts (pinned for a peer).
 */
@FunctionalInterface
public interface KeyResolver {
    /**
     * @return the key to verify with; null is taken as "unknown key"
     * @throws InvalidSignatureException (or another {@code ProtocolException}) if the key is unknown or
     *     not allowed; it reaches the caller of {@link HttpSignatures#verify} unchanged
     */
    Ed25519PublicKey resolve(String keyId);

    /** Resolves exactly {@code key}'s own key id, nothing else. */
    static KeyResolver only(Ed25519PublicKey key) {
        String id = key.keyId().value();
        return keyId -> {
            if (!id.equals(keyId)) {
                throw new InvalidSignatureException(SignatureHeaders.SIGNATURE_INPUT, "unknown key id " + keyId);
            }
            return key;
        };
    }
}
