/**
 * Signatures: Ed25519 keys (RFC 8032, on BouncyCastle's low-level code) and RFC 9421 HTTP Message
 * Signatures for peer requests.
 *
 * <p>Entry points: {@link org.tsunagu.protocol.sign.Ed25519KeyPair} and {@link
 * org.tsunagu.protocol.sign.Ed25519PublicKey} for envelopes; {@link
 * org.tsunagu.protocol.sign.HttpSignatures#sign} and {@link org.tsunagu.protocol.sign.HttpSignatures#verify}
 * with a {@link org.tsunagu.protocol.sign.SignableRequest} for HTTP. A failed check always throws
 * ({@link org.tsunagu.protocol.InvalidSignatureException}, or {@link
 * org.tsunagu.protocol.MalformedMessageException} for input that cannot be read); nothing returns false.
 *
 * <p>May depend on the core package ({@code org.tsunagu.protocol}), BouncyCastle and the JDK.
 */
package org.tsunagu.protocol.sign;
