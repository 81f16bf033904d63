/**
 * Envelope bodies (SPEC §6): {@code Bodies} is the one entry point ({@code normalize} before
 * signing, {@code validate} on everything published or received, {@code read} for a typed {@link
 * org.tsunagu.protocol.body.Body}); one record per body type ({@code Organization}, {@code
 * Partnership}, {@code HubProfile}…), their rules, size limits ({@code Limits}) and {@code
 * GlobalId}. May depend on {@code canon}, {@code codes}, {@code sign}, {@code seal} and the core
 * package.
 */
package org.tsunagu.protocol.body;
