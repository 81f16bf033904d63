package org.tsunagu.protocol.seal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;

/** A hub's X25519 encryption key pair. The private key is never printed ({@link #toString()}). */
public final class EncryptionKeyPair {
    private final AsymmetricCipherKeyPair keyPair;
    private final EncryptionKeyId keyId;

    private EncryptionKeyPair(AsymmetricCipherKeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = EncryptionKeyId.of(HpkeSuite.hpke().serializePublicKey(keyPair.getPublic()));
    }

    public static EncryptionKeyPair generate(SecureRandom random) {
        return new EncryptionKeyPair(HpkeSuite.generate(random));
    }

    /** HPKE DeriveKeyPair(ikm): deterministic, for test vectors. */
    public static EncryptionKeyPair derive(byte[] ikm) {
        return new EncryptionKeyPair(HpkeSuite.hpke().deriveKeyPair(ikm));
    }

    /** From the 32 private-key bytes written by {@link #privateKeyBytes()}. */
    public static EncryptionKeyPair fromPrivateKey(byte[] privateKey) {
        HPKE hpke = HpkeSuite.hpke();
        // The public key is recomputed from the private key, never trusted from a file.
        AsymmetricCipherKeyPair derived = hpke.deserializePrivateKey(privateKey, null);
        return new EncryptionKeyPair(derived);
    }

    public EncryptionKeyId keyId() {
        return keyId;
    }

    /** The 32 private-key bytes, for the node's key file (mode 0600). */
    public byte[] privateKeyBytes() {
        return HpkeSuite.hpke().serializePrivateKey(keyPair.getPrivate());
    }

    AsymmetricCipherKeyPair keyPair() {
        return keyPair;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptionKeyPair other && Arrays.equals(privateKeyBytes(), other.privateKeyBytes());
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptionKeyPair(" + keyId + ")";
    }
}
