package org.tsunagu.protocol.sign;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * An Ed25519 private key (its 32-byte seed) with its public key derived once: deriving it on every
 * signature halves the signing rate. {@link #toString()} never shows the seed.
 */
public final class Ed25519KeyPair {
    public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final byte[] publicKeyBytes;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKeyBytes = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKeyBytes, 0);
        this.publicKey = Ed25519PublicKey.fromBytes(publicKeyBytes);
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        Ed25519.generatePrivateKey(random, seed);
        return new Ed25519KeyPair(seed);
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new MalformedMessageException("$", "an Ed25519 private key seed is 32 bytes");
        }
        return new Ed25519KeyPair(seed.clone());
    }

    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    public byte[] sign(byte[] message, int offset, int length) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKeyBytes, 0, message, offset, length, signature, 0);
        return signature;
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The secret seed, for writing the key file. Handle with care: never log it. */
    public byte[] seed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[" + publicKey.keyId().value() + "]";
    }
}
