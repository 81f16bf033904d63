/**
 * The materialised directory: what the logs say each organisation, partnership and hub is now.
 * {@code Materializer} applies an appended envelope inside the transaction that appends it; the
 * search index ({@code SearchIndex}, {@code SearchText}, {@code SearchQuery}), the filter counts
 * and the read side ({@code DirectoryService}) are here, with {@code BodyRules}, the node's one
 * door to the protocol's body rules, and {@code LocalRules}, what this hub checks before it signs.
 * May depend on {@code db} and the protocol library.
 */
package org.tsunagu.node.directory;
