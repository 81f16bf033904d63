/**
 * The admin API, by resource, all behind the bearer token ({@code AdminApi}, {@code
 * AdminAuthFilter}): organisations and partnerships (signed through {@code Writes} on the shared
 * {@code db.GroupCommit}), imports, peers, subscriptions, subscribers, keys, blocks, halts and
 * alerts ({@code PeerAdminResource}, {@code FollowAdminResource}, {@code BlockAdminResource},
 * {@code AlertAdminResource}), bundles, and {@code /metrics} when it needs the token.
 * Request bodies are parsed by the protocol's strict parser ({@code RequestBodies}). The top of
 * the feature rooms: may depend on any of them except {@code app} and {@code cli}; only {@code
 * app} depends on it.
 */
package org.tsunagu.node.admin;
