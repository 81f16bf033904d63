/**
 * The protocol's core values and errors: {@code Envelope} (a signed update, SPEC §5), {@code
 * HubId}, {@code KeyId}, {@code UpdateType}, the chain rules ({@code LogChain}, SPEC §7) and first
 * contact ({@code FirstContact}, SPEC §8), and the exception family every check throws ({@code
 * ProtocolException} and its subclasses, each naming the JSON path at fault). The whole module
 * depends on the JDK, Jackson and BouncyCastle only, never on the node (ArchitectureTest), so
 * other implementations can reuse it.
 */
package org.tsunagu.protocol;
