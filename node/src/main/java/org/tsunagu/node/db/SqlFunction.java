package org.tsunagu.node.db;

import java.sql.SQLException;

/** A unit of JDBC work; may throw {@link SQLException}, which {@link Database} wraps. */
@FunctionalInterface
public interface SqlFunction<I, T> {
    T apply(I input) throws SQLException;
}
