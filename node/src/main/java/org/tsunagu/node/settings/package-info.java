/**
 * The admin's settings (limits and policies): the one catalog of their names, defaults and parsers
 * ({@code Settings}), and where values come from, in order: a {@code serve} flag, a {@code
 * TSUNAGU_*} variable, node.json's {@code settings}, the default ({@code SettingSources}). It
 * builds the value records the rooms use ({@code PeerLimits}, {@code RateLimits}, {@code
 * ServerLimits}, {@code MetricsAccess}), so may depend on {@code federation}, {@code ops.limits},
 * {@code ops.metrics}, {@code home} and {@code http}.
 */
package org.tsunagu.node.settings;
