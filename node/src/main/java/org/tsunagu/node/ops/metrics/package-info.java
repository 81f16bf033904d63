/**
 * The node's Prometheus metrics ({@code NodeMetrics}): ingest outcomes by path, pull lag, outbox
 * depth, HTTP latencies, and gauges read from the database when scraped, plus who may read {@code
 * /metrics} ({@code MetricsAccess}; the token-protected resource is in {@code admin}). May depend
 * on {@code log} and {@code db}.
 */
package org.tsunagu.node.ops.metrics;
