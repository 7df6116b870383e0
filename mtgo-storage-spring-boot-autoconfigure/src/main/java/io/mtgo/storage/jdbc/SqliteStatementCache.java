package io.mtgo.storage.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the store's prepared statements per physical SQLite connection. The xerial driver compiles
 * the SQL again for every {@code prepareStatement} (no driver-side cache, unlike pgjdbc, MariaDB's
 * driver or H2), which costs 2-6 times the execution of the store's lookups and upserts (measured
 * by {@code benchmarks} {@code SqlitePrepareCost}).
 * <p>
 * Statements are prepared on the unwrapped connection: a pool's proxy (Hikari's) closes every
 * statement made through it when the connection goes back to the pool. What callers get is a view
 * whose {@code close()} only clears the parameters, so the statement stays ready for the next call
 * on that connection. A connection is used by one thread at a time, so a connection's statements
 * are never shared between threads; the map of connections is guarded. Entries of connections the
 * pool has closed (their statements closed with them by the driver) are dropped whenever a new
 * connection shows up, so the map never holds more than the pool's connections and a few dead ones.
 */
final class SqliteStatementCache {

    /** The xerial driver's connection; any connection when the driver is loaded elsewhere. */
    private static final Class<? extends Connection> SQLITE_CONNECTION = physicalConnectionClass();

    /** By identity: a connection's {@code equals} is not ours to rely on. */
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    private final Class<? extends Connection> physicalClass;

    private final Preparer preparer;

    /**
     * @param preparer how a statement is prepared on the driver's connection
     */
    SqliteStatementCache(Preparer preparer) {
        this(SQLITE_CONNECTION, preparer);
    }

    /**
     * The same cache for another driver without one of its own (MariaDB Connector/J's server-side
     * statements when the application did not turn on its {@code cachePrepStmts}/{@code useServerPrepStmts}).
     * @param physicalClass the driver's connection class, unwrapped from the pool's proxy
     * @param preparer how a statement is prepared on that connection
     */
    SqliteStatementCache(Class<? extends Connection> physicalClass, Preparer preparer) {
        this.physicalClass = physicalClass;
        this.preparer = preparer;
    }

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Connection physical = connection.isWrapperFor(this.physicalClass) ? connection.unwrap(this.physicalClass) : connection;
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = this.preparer.prepare(physical, sql);
            statements.put(sql, statement);
        }
        return reusable(statement);
    }

    /** Prepares a statement on a physical connection. */
    @FunctionalInterface
    interface Preparer {

        PreparedStatement prepare(Connection physical, String sql) throws SQLException;

    }

    private synchronized Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
        Map<String, PreparedStatement> statements = this.byConnection.get(physical);
        if (statements == null) {
            for (var iterator = this.byConnection.keySet().iterator(); iterator.hasNext();) {
                if (iterator.next().isClosed()) {
                    iterator.remove();
                }
            }
            statements = new HashMap<>();
            this.byConnection.put(physical, statements);
        }
        return statements;
    }

    private static Class<? extends Connection> physicalConnectionClass() {
        try {
            return Class.forName("org.sqlite.SQLiteConnection", false, SqliteStatementCache.class.getClassLoader())
                .asSubclass(Connection.class);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return Connection.class;
        }
    }

    private static PreparedStatement reusable(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(SqliteStatementCache.class.getClassLoader(),
                new Class<?>[] { PreparedStatement.class }, new Reusable(statement));
    }

    /** Delegates everything but {@code close()}, which readies the statement for its next use instead. */
    private record Reusable(PreparedStatement statement) implements InvocationHandler {

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    this.statement.clearParameters();
                    this.statement.clearBatch();
                    return null;
                }
                case "isClosed" -> {
                    return this.statement.isClosed();
                }
                case "equals" -> {
                    return args != null && proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    try {
                        return method.invoke(this.statement, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                }
            }
        }

    }

}
