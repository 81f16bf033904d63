/**
 * HTTP plumbing shared by every resource: Jersey on Grizzly ({@code ApiServer}), the Jackson
 * provider, the body-size limit, forwarded headers from trusted proxies, and the one place
 * exceptions become {@code application/problem+json} ({@code ProblemMapper}, with {@code
 * ApiException} for the node's own refusals). Holds no feature. May depend on the protocol library
 * (its exceptions), Jersey, Grizzly and Jackson; never on another node package.
 */
package org.tsunagu.node.http;
