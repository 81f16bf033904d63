/**
 * Everything that makes a node part of a federation ({@code Federation}): peers and their pinned
 * keys, subscriptions and subscribers, the durable outbox and {@code Pusher}, the {@code Puller}'s
 * catch-up, the signed peer endpoints ({@code /v1/inbox}, {@code /v1/subscriptions}) with RFC 9421
 * request signatures, replay protection and per-peer limits, blocks and halts for the admin.
 * Envelopes of other origins enter only through the log's {@code Ingestor}. May depend on {@code
 * log}, {@code db}, {@code home}, {@code http} and the protocol library.
 */
package org.tsunagu.node.federation;
