/**
 * {@code tsunagu backup} and {@code restore}: a consistent copy of the database while the node
 * serves (SQLite's online backup API), and putting one back only after its integrity check and the
 * caller's verification. Works on SQLite files directly; depends on no other node package.
 */
package org.tsunagu.node.ops.backup;
