package io.mtgo.storage.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the store's prepared statements per physical connection, for drivers without a statement
 * cache of their own. The xerial SQLite driver compiles the SQL again for every
 * {@code prepareStatement}, which costs 2-6 times the execution of the store's lookups and upserts
 * (measured by {@code benchmarks} {@code SqlitePrepareCost}); MariaDB Connector/J prepares on the
 * server again unless the application turned on its own cache.
 * <p>
 * Statements are prepared on the unwrapped connection: a pool's proxy (Hikari's) closes every
 * statement made through it when the connection goes back to the pool. What callers get is a view,
 * made once per statement, whose {@code close()} only clears the parameters (and a batch left
 * unexecuted, and a query timeout set for that use), so the statement stays ready for the next call
 * on that connection. The store binds
 * and runs the driver's statement behind the view ({@link #runnerOf}): through the view every call
 * would be a reflective one, and binding a peer takes 15. On SQLite they run without the driver's
 * look for generated keys ({@link SqliteGeneratedKeys}).
 * <p>
 * A batch is cleared only when one is pending: sqlite-jdbc's {@code clearBatch} nulls every slot
 * of its batch buffer, which only grows, so after one large batch each clear cost tens of
 * microseconds. A connection is used by one thread at a time, so a connection's statements are
 * never shared between threads; the map of connections is guarded. Entries of connections the pool
 * has closed (their statements closed with them by the driver) are dropped whenever a new
 * connection shows up, so the map never holds more than the pool's connections and a few dead ones.
 */
final class KeptStatements {

    /** The xerial driver's connection; any connection when the driver is loaded elsewhere. */
    private static final Class<? extends Connection> SQLITE_CONNECTION = physicalConnectionClass();

    /** By identity: a connection's {@code equals} is not ours to rely on. */
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    private final Class<? extends Connection> physicalClass;

    private final Preparer preparer;

    /**
     * @param preparer how a statement is prepared on the driver's connection
     */
    KeptStatements(Preparer preparer) {
        this(SQLITE_CONNECTION, preparer);
    }

    /**
     * The same cache for another driver without one of its own (MariaDB Connector/J's server-side
     * statements when the application did not turn on its {@code cachePrepStmts}/{@code useServerPrepStmts}).
     * @param physicalClass the driver's connection class, unwrapped from the pool's proxy
     * @param preparer how a statement is prepared on that connection
     */
    KeptStatements(Class<? extends Connection> physicalClass, Preparer preparer) {
        this.physicalClass = physicalClass;
        this.preparer = preparer;
    }

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Connection physical = connection.isWrapperFor(this.physicalClass) ? connection.unwrap(this.physicalClass) : connection;
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement view = statements.get(sql);
        if (view == null || view.isClosed()) {
            view = reusable(this.preparer.prepare(physical, sql));
            statements.put(sql, view);
        }
        return view;
    }

    /**
     * How to bind and run a statement a dialect handed out: the driver's statement behind a view of
     * this class's, any other as it is. Looked up once per execution.
     */
    static Runner runnerOf(PreparedStatement handedOut) {
        Reusable view = viewOf(handedOut);
        return (view != null) ? view : new Plain(handedOut);
    }

    /** A statement to bind, and how to run it. */
    interface Runner {

        PreparedStatement statement();

        /** On SQLite without the driver reading the column names again ({@link SqliteColumnNames}). */
        ResultSet executeQuery() throws SQLException;

        int executeUpdate() throws SQLException;

        /** The rows added to the statement's batch, bound on {@link #statement()}. */
        int[] executeBatch() throws SQLException;

    }

    /** A statement nobody keeps: bound and run as it is. */
    private record Plain(PreparedStatement statement) implements Runner {

        @Override
        public ResultSet executeQuery() throws SQLException {
            return this.statement.executeQuery();
        }

        @Override
        public int executeUpdate() throws SQLException {
            return this.statement.executeUpdate();
        }

        @Override
        public int[] executeBatch() throws SQLException {
            return this.statement.executeBatch();
        }

    }

    private static @Nullable Reusable viewOf(PreparedStatement statement) {
        return (Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof Reusable view) ? view : null;
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
        Class<?> sqlite = DriverClasses.find("org.sqlite.SQLiteConnection");
        return (sqlite != null) ? sqlite.asSubclass(Connection.class) : Connection.class;
    }

    private static PreparedStatement reusable(PreparedStatement statement) throws SQLException {
        return (PreparedStatement) Proxy.newProxyInstance(KeptStatements.class.getClassLoader(),
                new Class<?>[] { PreparedStatement.class }, new Reusable(statement));
    }

    /**
     * Delegates everything but {@code close()}, which readies the statement for its next use instead.
     * Used by one thread at a time, like its connection.
     */
    private static final class Reusable implements InvocationHandler, Runner {

        private final PreparedStatement statement;

        private final SqliteColumnNames columnNames = new SqliteColumnNames();

        /** {@code null} when not on sqlite-jdbc (or on a version without the setting). */
        private final @Nullable SqliteGeneratedKeys generatedKeys;

        /** Whether rows were added to the batch since it was last executed or cleared. */
        private boolean batchPending;

        /**
         * Whether an execution failed during this use. Such a statement is not kept: sqlite-jdbc
         * finalizes the native statement on an error such as {@code SQLITE_FULL} without closing the
         * Java one, which then answered "statement is not executing" to every later write, also
         * once the disk had room again. Preparing anew after a failure costs microseconds.
         */
        private boolean failed;

        /**
         * Whether a timeout was set for this use: Spring sets the remaining time of a transaction
         * that has a timeout, and a statement kept past it would cut off later calls with no
         * timeout of their own (seen on MariaDB: writes outside any transaction interrupted after
         * an earlier transaction's 3 s).
         */
        private boolean timeoutSet;

        Reusable(PreparedStatement statement) throws SQLException {
            this.statement = statement;
            this.generatedKeys = SqliteGeneratedKeys.of(statement);
        }

        @Override
        public PreparedStatement statement() {
            return this.statement;
        }

        @Override
        public ResultSet executeQuery() throws SQLException {
            try {
                SqliteGeneratedKeys keys = this.generatedKeys;
                return (keys != null) ? keys.run(() -> this.columnNames.executeQuery(this.statement))
                        : this.columnNames.executeQuery(this.statement);
            }
            catch (SQLException | RuntimeException ex) {
                this.failed = true;
                throw ex;
            }
        }

        @Override
        public int executeUpdate() throws SQLException {
            try {
                SqliteGeneratedKeys keys = this.generatedKeys;
                return (keys != null) ? keys.run(this.statement::executeUpdate) : this.statement.executeUpdate();
            }
            catch (SQLException | RuntimeException ex) {
                this.failed = true;
                throw ex;
            }
        }

        /**
         * A failed batch drops the statement like any failed execution: MariaDB Connector/J leaves a
         * server-side statement whose first batch failed (a refused row, a lost deadlock) with a
         * handle the server no longer knows, and every later batch on it failed with "Unknown
         * prepared statement handler" (a soak test on a new database, 2026-12-04).
         */
        @Override
        public int[] executeBatch() throws SQLException {
            try {
                return this.statement.executeBatch();
            }
            catch (SQLException | RuntimeException ex) {
                this.failed = true;
                throw ex;
            }
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (this.failed) {
                        // Closed for good, so that the next use prepares it anew (see failed).
                        this.statement.close();
                        return null;
                    }
                    this.statement.clearParameters();
                    if (this.batchPending) {
                        this.statement.clearBatch();
                        this.batchPending = false;
                    }
                    if (this.timeoutSet) {
                        this.statement.setQueryTimeout(0);
                        this.timeoutSet = false;
                    }
                    return null;
                }
                case "setQueryTimeout" -> {
                    Object result = delegate(method, args);
                    this.timeoutSet = args != null && !Integer.valueOf(0).equals(args[0]);
                    return result;
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
                case "addBatch" -> {
                    this.batchPending = true;
                    return delegate(method, args);
                }
                case "executeBatch", "executeLargeBatch", "clearBatch" -> {
                    // A batch that failed stays pending until close(), whatever the driver kept of it.
                    Object result = delegate(method, args);
                    this.batchPending = false;
                    return result;
                }
                default -> {
                    return delegate(method, args);
                }
            }
        }

        private @Nullable Object delegate(Method method, Object @Nullable [] args) throws Throwable {
            try {
                return method.invoke(this.statement, args);
            }
            catch (InvocationTargetException ex) {
                if (method.getName().startsWith("execute")) {
                    this.failed = true;
                }
                throw ex.getCause();
            }
        }

    }

}
