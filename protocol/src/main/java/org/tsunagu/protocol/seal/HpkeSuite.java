package org.tsunagu.protocol.seal;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * The one HPKE suite of the protocol (RFC 9180): DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * ChaCha20-Poly1305, base mode, single-shot. Used only to wrap a record's 32-byte content key for one
 * recipient.
 */
public final class HpkeSuite {
    /** {@code info} of every wrap: names what the key is for, so it cannot be confused with another use. */
    static final byte[] INFO = "tsunagu/v2 sealed content key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HpkeSuite() {}

    static HPKE hpke() {
        // HPKE instances keep no per-message state; a new one is cheap and avoids sharing across threads.
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /** A wrapped key: the KEM encapsulation {@code enc} and the AEAD ciphertext {@code ct}. */
    record Wrapped(byte[] enc, byte[] ct) {}

    /**
     * Wraps {@code contentKey} for {@code recipient}. The ephemeral key pair is HPKE's DeriveKeyPair of
     * 32 bytes from {@code random} (RFC 9180 §7.1.3: GenerateKeyPair is DeriveKeyPair of random input),
     * so a seeded random reproduces a wrap exactly (the conformance vectors); a node passes a
     * SecureRandom.
     */
    static Wrapped wrap(EncryptionKeyId recipient, byte[] aad, byte[] contentKey, SecureRandom random) {
        HPKE hpke = hpke();
        try {
            HPKEContextWithEncapsulation ctx =
                    hpke.setupBaseS(hpke.deserializePublicKey(recipient.bytes()), INFO, generate(random));
            return new Wrapped(ctx.getEncapsulation(), ctx.seal(aad, contentKey));
        } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
            // BouncyCastle refuses a key whose shared secret is zero (a small-order point).
            throw new SealException("$.to", "cannot seal to " + recipient + ": " + e.getMessage());
        }
    }

    /** @throws SealException if the wrapped key does not open with {@code key} */
    static byte[] unwrap(byte[] enc, byte[] ct, EncryptionKeyPair key, byte[] aad, String path) {
        try {
            return hpke().open(enc, key.keyPair(), INFO, aad, ct, null, null, null);
        } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
            throw new SealException(path, "the wrapped key does not open with " + key.keyId());
        }
    }

    static AsymmetricCipherKeyPair generate(SecureRandom random) {
        // HPKE's DeriveKeyPair from 32 random bytes: the RFC's own way to make a key pair.
        byte[] ikm = new byte[32];
        random.nextBytes(ikm);
        return hpke().deriveKeyPair(ikm);
    }
}
