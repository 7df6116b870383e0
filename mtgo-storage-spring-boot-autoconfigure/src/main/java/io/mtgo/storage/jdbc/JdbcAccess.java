package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;

import javax.sql.DataSource;

import io.mtgo.storage.StripedLocks;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * How the JPA storage reaches its database: plain JDBC on the {@code DataSource} behind the
 * persistence unit, because a persistence context per call (entity, snapshot, flush) costs more than
 * the statement itself and reads through it can go stale next to JDBC writes.
 * <p>
 * Inside the application's transaction ({@code JpaTransactionManager} or
 * {@code DataSourceTransactionManager}) every call runs on that transaction's connection, so it sees
 * the transaction's own writes and commits or rolls back with it; retrying is then the caller's
 * business. Outside one, a read or a one-statement write runs in auto-commit (one round trip), and a
 * write of several statements runs in a transaction of its own, retried when it loses a race with
 * another writer.
 */
final class JdbcAccess {

    /** Attempts of a write that keeps losing races: enough for heavy contention, bounded. */
    private static final int MAX_ATTEMPTS = 10;

    private final DataSource dataSource;

    private final SQLExceptionTranslator translator = new SQLExceptionSubclassTranslator();

    /** Shared by every storage of the JVM, so storages built separately on one database take turns too. */
    private static final StripedLocks WRITER_LOCKS = new StripedLocks();

    JdbcAccess(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The {@code DataSource} of an entity manager factory: Spring's factory beans expose it, and
     * plain Hibernate set-ups name it in the persistence unit's properties.
     * @throws IllegalArgumentException when the factory exposes none
     */
    static DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
        if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
            return info.getDataSource();
        }
        for (String property : new String[] { "jakarta.persistence.nonJtaDataSource", "hibernate.connection.datasource" }) {
            if (entityManagerFactory.getProperties().get(property) instanceof DataSource dataSource) {
                return dataSource;
            }
        }
        throw new IllegalArgumentException("entityManagerFactory exposes no DataSource: build it with Spring "
                + "(LocalContainerEntityManagerFactoryBean, as Spring Boot does) or set jakarta.persistence.nonJtaDataSource");
    }

    /** For the session leases, which keep their own statements and transactions on the same database. */
    DataSource dataSource() {
        return this.dataSource;
    }

    <T> T read(JdbcWork<T> work) {
        Connection connection = DataSourceUtils.getConnection(this.dataSource);
        try {
            return work.run(connection);
        }
        catch (SQLException ex) {
            throw translate(ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, this.dataSource);
        }
    }

    /** A write of one statement: outside a transaction, auto-commit makes it one by itself. */
    <T> T writeStatement(JdbcWork<T> work) {
        return write(work, false, null);
    }

    /**
     * A write of several statements that must all apply or none, serialised in this JVM with every
     * other such write on the same {@code key} when it runs in a transaction of its own. Writers that
     * free and claim usernames lock rows in an order nobody can choose (whoever holds a name), so two
     * of them deadlock easily; PostgreSQL only notices after its {@code deadlock_timeout} (a second).
     * Writes in the caller's transaction take no lock here: it may hold row locks past our call,
     * and a lock the database cannot see would turn that into an undetectable deadlock.
     */
    <T> T writeAtomically(String key, JdbcWork<T> work) {
        return write(work, true, key);
    }

    private <T> T write(JdbcWork<T> work, boolean severalStatements, String serialisationKey) {
        for (int attempt = 1;; attempt++) {
            Connection connection = DataSourceUtils.getConnection(this.dataSource);
            boolean callersTransaction = false;
            try {
                callersTransaction = inCallersTransaction(connection);
                if (callersTransaction || (!severalStatements && connection.getAutoCommit())) {
                    return work.run(connection);
                }
                if (serialisationKey == null) {
                    return inOwnTransaction(connection, work);
                }
                Lock lock = WRITER_LOCKS.of(serialisationKey);
                lock.lock();
                try {
                    return inOwnTransaction(connection, work);
                }
                finally {
                    lock.unlock();
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (callersTransaction || attempt >= MAX_ATTEMPTS || !lostARace(ex)) {
                    throw (ex instanceof SQLException sql) ? translate(sql) : (RuntimeException) ex;
                }
            }
            finally {
                DataSourceUtils.releaseConnection(connection, this.dataSource);
            }
            StripedLocks.backOff(attempt);
        }
    }

    /**
     * A connection bound to the thread in manual-commit mode belongs to a transaction that commits
     * it. One bound in auto-commit (transaction synchronisation without a JDBC transaction) does
     * not, so several statements on it need a transaction of their own.
     */
    private boolean inCallersTransaction(Connection connection) throws SQLException {
        return DataSourceUtils.isConnectionTransactional(connection, this.dataSource) && !connection.getAutoCommit();
    }

    /** Also covers pools configured without auto-commit: their connections must be committed too. */
    private static <T> T inOwnTransaction(Connection connection, JdbcWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        }
        catch (SQLException | RuntimeException ex) {
            rollbackQuietly(connection, ex);
            throw ex;
        }
        finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        }
        catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private DataAccessException translate(SQLException ex) {
        DataAccessException translated = this.translator.translate("mtgo-storage", null, ex);
        return (translated != null) ? translated : new UncategorizedSQLException("mtgo-storage", null, ex);
    }

    /**
     * Whether a write failed only because another writer got there first: a unique key taken
     * between our statements, a deadlock, a lock timeout or serialization failure, or SQLite's busy
     * lock. Not a connection failure: retrying that would only multiply the time to report it.
     */
    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
                    return true;
                }
                if (isLockTimeout(sql)) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")
                        || message.contains("SQLITE_CONSTRAINT_UNIQUE") || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** H2's lock timeout (50200, one second by default) and MariaDB/MySQL's lock wait timeout (1205). */
    private static boolean isLockTimeout(SQLException sql) {
        return ("HYT00".equals(sql.getSQLState()) && sql.getErrorCode() == 50200) || sql.getErrorCode() == 1205;
    }

    /**
     * Work on a JDBC connection.
     * @param <T> the result
     */
    @FunctionalInterface
    interface JdbcWork<T> {

        T run(Connection connection) throws SQLException;

    }

}
