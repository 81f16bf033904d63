/**
 * Running a node, as opposed to what it serves: backups and restores ({@code ops.backup}), offline
 * bundles ({@code ops.bundle}), server and rate limits ({@code ops.limits}), metrics ({@code
 * ops.metrics}), and {@code FollowOnStart} for {@code serve --follow}. May depend on {@code
 * federation}, {@code log}, {@code db} and {@code http}; never on {@code admin}, which exposes
 * parts of it (ArchitectureTest finds the cycle).
 */
package org.tsunagu.node.ops;
