/**
 * The database: the node's one SQLite file with its single writer connection and read pool ({@code
 * Database}), the numbered migrations in {@code resources/db/} ({@code Migrations}), and {@code
 * GroupCommit}, the writer every admin write goes through (many writes, one transaction, each
 * answered after its commit). Plain JDBC; may depend on the JDK and sqlite-jdbc only, never on
 * another node package (ArchitectureTest).
 */
package org.tsunagu.node.db;
