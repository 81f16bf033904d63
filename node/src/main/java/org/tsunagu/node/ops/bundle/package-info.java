/**
 * Offline bundles for links that are down: gzip NDJSON with a manifest line, written from the logs
 * held ({@code BundleExporter}) and applied through the one ingest path exactly as if pushed
 * ({@code BundleImporter}). May depend on {@code log} and {@code db}.
 */
package org.tsunagu.node.ops.bundle;
