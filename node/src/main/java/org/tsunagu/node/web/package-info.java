/**
 * The web directory page: its static assets, filter counts, the hubs page and its warm-up, as
 * resources {@code app.NodeAssembly} registers ({@code WebDirectory.resources}). What it needs
 * from federation comes through the {@code FollowStatus} interface, which {@code app} implements,
 * so {@code web} does not depend on {@code federation}. May depend on {@code directory}, {@code
 * log}, {@code export} and {@code http}.
 */
package org.tsunagu.node.web;
