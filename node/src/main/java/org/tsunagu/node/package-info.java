/**
 * The process entry: {@code Main} parses the command line (through {@code cli}) and exits with the
 * command's status; {@code Logging} makes the node quiet (warnings and errors only). Nothing else
 * lives here. May depend on {@code cli}; nothing depends on this package. See docs/ARCHITECTURE.md
 * for the rooms and how they fit.
 */
package org.tsunagu.node;
