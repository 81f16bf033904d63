/**
 * The composition root: {@code NodeAssembly} is the one place that builds a {@code Node}
 * (database, key ring, log, one {@code Ingestor}, one {@code AlertStore}, federation, metrics,
 * settings) and its HTTP API; the CLI, the tests and the benchmarks all open nodes here. Adapters
 * between rooms that must not know each other live here too ({@code FederationFollowStatus}), and
 * {@code Initializer}, which creates a data folder ({@code init}, and {@code serve} on a fresh
 * folder) from an {@code Initializer.Identity} the command line resolved. May
 * depend on every room but {@code cli}; only {@code Main} and {@code cli} depend on it
 * (ArchitectureTest).
 */
package org.tsunagu.node.app;
