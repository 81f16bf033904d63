package org.tsunagu.node.federation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The node database as federation's stores use it: writes through the node's single writer in one
 * transaction, reads on a read connection. {@code Main} adapts the db package's Database to it, which
 * keeps this package compilable and testable on its own.
 */
public interface FederationDb {
    /** Work done on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T inTransaction(SqlWork<T> work);

    <T> T read(SqlWork<T> work);
}
