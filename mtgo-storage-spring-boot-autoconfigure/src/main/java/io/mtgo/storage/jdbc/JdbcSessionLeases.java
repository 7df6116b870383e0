package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.AbstractSessionLeases;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * {@link io.mtgo.storage.SessionLeases} in the table {@code mtgo_session_leases} (one row per
 * session, created by the library's Liquibase changelog) on H2, SQLite, PostgreSQL or MariaDB/MySQL.
 * <p>
 * Every change is one compare-and-set {@code UPDATE} whose condition and new expiry use the
 * database's own clock ({@link Dialect#now}), so processes whose clocks disagree still agree on
 * when a lease ends; the JVM's clock is never read. Every call runs in a transaction of its own, on a
 * connection of its own, never in the application's transaction. A row is
 * never deleted: releasing only sets its expiry to 0, so the token keeps increasing.
 * <p>
 * SQLite and embedded H2 have no server: their "database clock" is the clock of the process that
 * runs the statement, which is the same machine for every process sharing the file.
 */
public final class JdbcSessionLeases extends AbstractSessionLeases {

    private static final String COLUMNS = "session_name, owner, token, expires_at";

    /** Placeholder row of a session never leased: expired, token 0, so the first lease gets 1. */
    private static final String INSERT_PLACEHOLDER_VALUES = "(?, '-', 0, 0)";

    private final DataSource dataSource;

    private final SQLExceptionTranslator translator;

    private final Statements statements;

    /**
     * Creates the leases on a database that has the library's schema. The database product is read
     * once from the connection's metadata.
     * @param dataSource the application's data source (never closed here)
     * @throws IllegalArgumentException when the database is none of H2, SQLite, PostgreSQL,
     * MariaDB or MySQL
     */
    public JdbcSessionLeases(DataSource dataSource) {
        this(dataSource, "");
    }

    /**
     * Creates the leases on a database whose library tables live in a schema.
     * @param dataSource the application's data source (never closed here)
     * @param tablePrefix {@code schema.} for the configured schema, or {@code ""}
     */
    JdbcSessionLeases(DataSource dataSource, String tablePrefix) {
        super("jdbc");
        Arguments.requireNonNull(dataSource, "dataSource");
        // A proxy that hands out the connection of the caller's transaction would defeat ownTransaction.
        DataSource target = (dataSource instanceof TransactionAwareDataSourceProxy proxy) ? proxy.getTargetDataSource() : null;
        this.dataSource = (target != null) ? target : dataSource;
        this.translator = new JdbcTemplate(dataSource).getExceptionTranslator();
        this.statements = Statements.of(Dialect.of(productName(dataSource)), tablePrefix + "mtgo_session_leases");
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        }
        catch (Exception ex) {
            throw new StorageException("Could not read the database product of the lease table", ex);
        }
    }

    @Override
    protected Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis) {
        Optional<SessionLease> lease = changeAndRead(sessionName, this.statements.acquire, ttlMillis, owner, sessionName, owner);
        if (lease.isPresent() || ownTransaction(this.statements.exists, connection -> exists(connection, sessionName))) {
            return lease;
        }
        try {
            ownTransaction(this.statements.insertPlaceholder, connection -> update(connection, this.statements.insertPlaceholder,
                    sessionName));
        }
        catch (DuplicateKeyException ex) {
            // another process created the row first: the compare-and-set below decides
        }
        return changeAndRead(sessionName, this.statements.acquire, ttlMillis, owner, sessionName, owner);
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        return changeAndRead(lease.sessionName(), this.statements.renew, ttlMillis, lease.sessionName(), lease.owner(), lease.token());
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        return ownTransaction(this.statements.release,
                connection -> update(connection, this.statements.release, lease.sessionName(), lease.owner(), lease.token()) == 1);
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        return ownTransaction(this.statements.current, connection -> read(connection, this.statements.current, sessionName));
    }

    /** The compare-and-set and the read of what it wrote, in one short transaction (the row stays locked in between). */
    private Optional<SessionLease> changeAndRead(String sessionName, String update, Object... arguments) {
        return ownTransaction(update, connection -> (update(connection, update, arguments) == 1)
                ? read(connection, this.statements.load, sessionName) : Optional.empty());
    }

    /**
     * Runs work in a transaction on a connection of its own, taken from the pool and not from
     * Spring's transaction synchronization: a lease changes hands on its own schedule, so the
     * application's rollback must not undo it nor a lease call commit the application's work.
     * {@code REQUIRES_NEW} through a {@code DataSourceTransactionManager} was not enough: it does not
     * see a JPA transaction as one, ran on the connection JPA had bound and committed the
     * application's pending rows.
     */
    private <T> T ownTransaction(String sql, LeaseWork<T> work) {
        try (Connection connection = this.dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException failure) {
                rollbackAfter(connection, failure);
                throw failure;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (SQLException ex) {
            DataAccessException translated = this.translator.translate("session lease", sql, ex);
            throw (translated != null) ? translated : new UncategorizedSQLException("session lease", sql, ex);
        }
    }

    private static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            failure.addSuppressed(ex);
        }
    }

    private static int update(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            return statement.executeUpdate();
        }
    }

    private static Optional<SessionLease> read(Connection connection, String sql, String sessionName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sessionName);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SessionLease(row.getString("session_name"), row.getString("owner"), row.getLong("token"),
                        row.getLong("expires_at")));
            }
        }
    }

    private boolean exists(Connection connection, String sessionName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(this.statements.exists)) {
            statement.setString(1, sessionName);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            statement.setObject(i + 1, arguments[i]);
        }
    }

    @FunctionalInterface
    private interface LeaseWork<T> {

        T run(Connection connection) throws SQLException;

    }

    private static final String TABLE = "mtgo_session_leases";

    /** The statements of one database, every one with the database's now (epoch ms) in place. */
    private record Statements(String acquire, String renew, String release, String current, String load, String exists,
            String insertPlaceholder) {

        static Statements of(Dialect dialect, String table) {
            Statements statements = of(dialect);
            return new Statements(statements.acquire.replace(TABLE, table), statements.renew.replace(TABLE, table),
                    statements.release.replace(TABLE, table), statements.current.replace(TABLE, table),
                    statements.load.replace(TABLE, table), statements.exists.replace(TABLE, table),
                    statements.insertPlaceholder.replace(TABLE, table));
        }

        private static Statements of(Dialect dialect) {
            String now = dialect.now;
            return new Statements("""
                    UPDATE mtgo_session_leases SET expires_at = %1$s + ?, owner = ?, token = token + 1
                    WHERE session_name = ? AND (expires_at <= %1$s OR owner = ?)""".formatted(now),
                    """
                    UPDATE mtgo_session_leases SET expires_at = %1$s + ?
                    WHERE session_name = ? AND owner = ? AND token = ? AND expires_at > %1$s""".formatted(now),
                    """
                    UPDATE mtgo_session_leases SET expires_at = 0
                    WHERE session_name = ? AND owner = ? AND token = ? AND expires_at > %1$s""".formatted(now),
                    "SELECT " + COLUMNS + " FROM mtgo_session_leases WHERE session_name = ? AND expires_at > " + now,
                    "SELECT " + COLUMNS + " FROM mtgo_session_leases WHERE session_name = ?",
                    "SELECT 1 FROM mtgo_session_leases WHERE session_name = ?",
                    dialect.insertIgnore.formatted("mtgo_session_leases (" + COLUMNS + ") VALUES " + INSERT_PLACEHOLDER_VALUES));
        }

    }

    /** What differs between the databases: how to read the server's clock and how to insert if absent. */
    enum Dialect {

        POSTGRESQL("CAST(FLOOR(EXTRACT(EPOCH FROM CLOCK_TIMESTAMP()) * 1000) AS BIGINT)",
                "INSERT INTO %s ON CONFLICT (session_name) DO NOTHING"),

        // UTC_TIMESTAMP, not UNIX_TIMESTAMP(NOW()): local time turned back into an epoch is ambiguous
        // in the hour a daylight-saving time zone repeats, and came out an hour off there.
        MARIADB("(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(3)) DIV 1000)", "INSERT IGNORE INTO %s"),

        SQLITE("CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)", "INSERT OR IGNORE INTO %s"),

        // H2 has no insert-if-absent outside its compatibility modes; a racing insert fails with a
        // duplicate key, which the caller ignores.
        H2("CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(3)) * 1000 AS BIGINT)", "INSERT INTO %s");

        final String now;

        final String insertIgnore;

        Dialect(String now, String insertIgnore) {
            this.now = now;
            this.insertIgnore = insertIgnore;
        }

        static Dialect of(String productName) {
            String product = productName.toLowerCase(Locale.ROOT);
            if (product.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (product.contains("mariadb") || product.contains("mysql")) {
                return MARIADB;
            }
            if (product.contains("sqlite")) {
                return SQLITE;
            }
            if (product.equals("h2")) {
                return H2;
            }
            throw new IllegalArgumentException("dataSource is a " + productName
                    + " database; session leases support H2, SQLite, PostgreSQL, MariaDB and MySQL");
        }

    }

}
