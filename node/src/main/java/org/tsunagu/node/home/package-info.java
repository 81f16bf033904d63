/**
 * The node's own home: the data folder and {@code node.json} ({@code NodeConfig}), the signing key
 * on disk and its rotation ({@code KeyFile}, {@code NodeKeys}), the admin token ({@code
 * AdminToken}), files written 0600 ({@code PrivateFiles}), and the errors about them. Every layer
 * may use it. It may depend on the protocol library and the JDK only, never on another node
 * package (ArchitectureTest).
 */
package org.tsunagu.node.home;
