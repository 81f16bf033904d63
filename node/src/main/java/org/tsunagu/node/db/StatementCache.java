package org.tsunagu.node.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * Wraps the writer connection so that {@code prepareStatement(sql)} reuses one compiled statement per
 * SQL text, and closing it only clears its parameters. Stores keep the plain JDBC idiom
 * (try-with-resources on every statement) while a publish no longer compiles a dozen statements:
 * compiling was about a quarter of SQLite's time per envelope. Used only under the writer lock.
 */
final class StatementCache implements InvocationHandler {
    private static final int MAX_STATEMENTS = 256;

    private final SQLiteConnection target;
    private final Map<String, Cached> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() > MAX_STATEMENTS) {
                eldest.getValue().discard();
                return true;
            }
            return false;
        }
    };

    private StatementCache(SQLiteConnection target) {
        this.target = target;
    }

    static Connection wrap(SQLiteConnection target) {
        return (Connection) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, new StatementCache(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return cached((String) args[0]);
        }
        if (method.getName().equals("close")) {
            statements.values().forEach(Cached::discard);
            statements.clear();
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private PreparedStatement cached(String sql) throws SQLException {
        Cached statement = statements.get(sql);
        if (statement == null) {
            statement = new Cached(target, sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * The driver's own statement (as {@code prepareStatement} makes it), whose {@code close} only
     * clears it for the next use. Issue 14 (speed): this was a reflective proxy around the statement,
     * one per {@code prepareStatement}, and the few dozen calls per stored envelope through it (binds,
     * executes) cost about a tenth of a follower's storing CPU.
     */
    private static final class Cached extends JDBC4PreparedStatement {
        Cached(SQLiteConnection connection, String sql) throws SQLException {
            super(connection, sql);
        }

        @Override
        public void close() throws SQLException {
            clearParameters();
            clearBatch();
        }

        /** Really closes it: dropped from the cache, or the connection closes. */
        void discard() {
            try {
                super.close();
            } catch (SQLException e) {
                // closing a statement we are dropping: nothing to recover
            }
        }
    }
}
