/**
 * The signed, append-only logs of every origin held ({@code LogStore}), and the only two writers
 * of them: {@code Publisher} (this hub's own envelopes: normalise, validate, sign, append,
 * materialise) and {@code Ingestor} (the one ingest path for other origins, whether pushed, pulled
 * or from a bundle: key, signature, chain, body, then append and materialise in one transaction).
 * Beside them the key ring, blocks, halts and equivocation evidence, the node's one {@code
 * AlertStore}, and {@code LogVerifier}, which re-checks stored logs end to end (verify, restore). May depend on {@code db}, {@code directory} (to materialise in the same
 * transaction) and the protocol library.
 */
package org.tsunagu.node.log;
