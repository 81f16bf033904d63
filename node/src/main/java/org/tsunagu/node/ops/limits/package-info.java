/**
 * What a slow or greedy client may cost: connection caps, header and body deadlines, idle timeouts
 * ({@code ServerLimits}) and token-bucket rate limits ({@code RateLimits}), as Grizzly add-ons and
 * Jersey filters. Their names and defaults are settings ({@code settings.Settings}). May depend on
 * {@code http}.
 */
package org.tsunagu.node.ops.limits;
