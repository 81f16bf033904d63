/**
 * JSON as the protocol reads and signs it: the strict parser for untrusted input ({@code
 * StrictJson}, SPEC §3: I-JSON, no duplicate keys, bounded depth), RFC 8785 canonical form ({@code
 * CanonicalJson}, with {@code EcmaNumber}), and JSON paths for error reports. May depend on the
 * core package and Jackson.
 */
package org.tsunagu.protocol.canon;
