/**
 * The public read API: the federated directory ({@code /v1/directory}), the feeds peers pull
 * ({@code /v1/feeds}), {@code /.well-known/tsunagu} and {@code /healthz}, with the parsing of
 * query parameters into 400s that name them. Resources only read. May depend on {@code directory},
 * {@code log}, {@code home} and {@code http}.
 */
package org.tsunagu.node.api;
