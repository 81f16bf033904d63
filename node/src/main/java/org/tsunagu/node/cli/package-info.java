/**
 * The command line (picocli): one class per command ({@code init}, {@code serve}, {@code verify},
 * {@code backup}…) and their shared options; commands parse flags and call into the rooms,
 * building nodes through {@code app.NodeAssembly}. May depend on any room; nothing but {@code
 * Main} depends on it (ArchitectureTest).
 */
package org.tsunagu.node.cli;
