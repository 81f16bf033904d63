/**
 * Sealed record details (SPEC §6.10): one random content key per record, the sealed part encrypted
 * with ChaCha20-Poly1305 under it, and the key wrapped for each recipient hub with HPKE (RFC 9180,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base mode). Both the part and every
 * wrapped key are bound to the envelope's identity (origin, seq, type, record id) as associated data.
 * Only standard parts are composed here: BouncyCastle's HPKE and the JDK's ChaCha20-Poly1305.
 *
 * <p>May depend on {@code canon} (the associated data is canonical JSON), the core package,
 * BouncyCastle and the JDK.
 */
package org.tsunagu.protocol.seal;
