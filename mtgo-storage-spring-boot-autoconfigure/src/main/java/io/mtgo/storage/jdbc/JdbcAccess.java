package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.mtgo.storage.spi.Retries;
import io.mtgo.storage.spi.StripedLocks;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the JDBC store runs its statements: through a {@link JdbcTemplate} on the application's
 * {@code DataSource}, which takes the connection of the thread's transaction when there is one
 * (a {@code DataSourceTransactionManager}'s, or a {@code JpaTransactionManager}'s exposed JDBC
 * connection) and translates failures with Spring's {@code SQLExceptionTranslator}.
 * <p>
 * Inside the application's transaction every call runs on that transaction's connection, so it
 * sees the transaction's own writes and commits or rolls back with it; retrying is then the
 * caller's business. Outside one, a read or a one-statement write runs in auto-commit (one round
 * trip), and a write of several statements runs in a transaction of its own, retried when it loses
 * a race with another writer.
 */
final class JdbcAccess {

    /** Shared by every storage of the JVM, so storages built separately on one database take turns too. */
    private static final StripedLocks WRITER_LOCKS = new StripedLocks();

    private final DataSource dataSource;

    private final JdbcTemplate jdbcTemplate;

    private final TransactionTemplate ownTransaction;

    private final JdbcStorageDialect dialect;

    /**
     * Whether the pool hands out connections in auto-commit. Pools configured without it need their
     * single-statement writes committed too: the pool rolls back what a returned connection left open.
     */
    private final boolean autoCommitPool;

    private JdbcAccess(DataSource dataSource, JdbcTemplate jdbcTemplate, JdbcStorageDialect dialect, boolean autoCommitPool) {
        this.dataSource = dataSource;
        this.jdbcTemplate = jdbcTemplate;
        this.ownTransaction = new TransactionTemplate(new OwnTransactionManager(dataSource, dialect));
        this.dialect = dialect;
        this.autoCommitPool = autoCommitPool;
    }

    /** For the session leases, which keep their own statements and transactions on the same database. */
    DataSource dataSource() {
        return this.dataSource;
    }

    /**
     * Looks at the database once: its dialect, that it keeps any text, how the pool commits, and whether an H2 or a SQLite file is opened safely.
     */
    static JdbcAccess on(DataSource dataSource) {
        JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
        return jdbcTemplate.execute((ConnectionCallback<JdbcAccess>) connection -> {
            H2Durability.warnIfUnsafe(connection);
            // A connection of the caller's transaction says nothing about the pool's setting: assume the safe one.
            boolean autoCommitPool = !DataSourceUtils.isConnectionTransactional(connection, dataSource) && connection.getAutoCommit();
            JdbcStorageDialect dialect = JdbcStorageDialect.of(connection.getMetaData());
            dialect.requireUnicodeText(connection);
            if (dialect instanceof SqliteJdbcStorageDialect) {
                SqliteConcurrency.warnIfUnsafe(connection, dataSource);
            }
            return new JdbcAccess(dataSource, jdbcTemplate, dialect, autoCommitPool);
        });
    }

    /**
     * Runs a statement that changes rows.
     * @return how many rows it changed
     */
    int update(String sql, PreparedStatementSetter binder) {
        Integer changed = this.jdbcTemplate.execute(prepared(sql), (PreparedStatementCallback<Integer>) handedOut -> {
            KeptStatements.Runner runner = KeptStatements.runnerOf(handedOut);
            binder.setValues(runner.statement());
            return runner.executeUpdate();
        });
        return (changed != null) ? changed : 0;
    }

    /**
     * Runs one statement for every row of a JDBC batch, in one round trip where the driver can (in
     * parts of at most {@link JdbcStorageDialect#maxBatchRows()} rows).
     * @return the rows each row's statement changed, as the driver reports them
     */
    int[] batch(String sql, int rows, RowBinder binder) {
        int maxRows = this.dialect.maxBatchRows();
        int[] changed = this.jdbcTemplate.execute(prepared(sql), (PreparedStatementCallback<int[]>) statement -> {
            if (rows <= maxRows) {
                return executeBatch(statement, 0, rows, binder);
            }
            int[] all = new int[rows];
            for (int from = 0; from < rows; from += maxRows) {
                int[] part = executeBatch(statement, from, Math.min(rows, from + maxRows), binder);
                System.arraycopy(part, 0, all, from, Math.min(part.length, rows - from));
            }
            return all;
        });
        return (changed != null) ? changed : new int[rows];
    }

    private int[] executeBatch(PreparedStatement handedOut, int from, int to, RowBinder binder) throws SQLException {
        KeptStatements.Runner runner = KeptStatements.runnerOf(handedOut);
        PreparedStatement statement = runner.statement();
        try {
            for (int row = from; row < to; row++) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            return runner.executeBatch();
        }
        catch (SQLException | RuntimeException ex) {
            // A statement kept for reuse must not carry the failed batch's rows into its next one.
            try {
                statement.clearBatch();
            }
            catch (SQLException clearing) {
                ex.addSuppressed(clearing);
            }
            throw ex;
        }
    }

    <T> @Nullable T query(String sql, PreparedStatementSetter binder, ResultSetExtractor<T> extractor) {
        if (!this.autoCommitPool && !inCallersTransaction()) {
            // On a pool without auto-commit a read opens a transaction. The pool rolls it back only
            // when its own statement proxies ran something, and kept statements run on the driver's
            // connection: the next read there would see the same snapshot (SQLite; MariaDB's
            // repeatable read). Our transaction ends it.
            AtomicReference<@Nullable T> rows = new AtomicReference<>();
            this.ownTransaction.executeWithoutResult(status -> rows.set(runQuery(sql, binder, extractor)));
            return rows.get();
        }
        return runQuery(sql, binder, extractor);
    }

    private <T> @Nullable T runQuery(String sql, PreparedStatementSetter binder, ResultSetExtractor<T> extractor) {
        return this.jdbcTemplate.execute(prepared(sql), (PreparedStatementCallback<T>) handedOut -> {
            KeptStatements.Runner runner = KeptStatements.runnerOf(handedOut);
            binder.setValues(runner.statement());
            try (ResultSet rows = runner.executeQuery()) {
                return extractor.extractData(rows);
            }
        });
    }

    <T> List<T> queryForList(String sql, PreparedStatementSetter binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, new RowMapperResultSetExtractor<>(mapper));
        return (rows != null) ? rows : List.of();
    }

    /**
     * Statements come from the dialect, which may hand out one it keeps per connection
     * ({@link KeptStatements}); such a view is bound and run through the driver's statement behind it.
     */
    private PreparedStatementCreator prepared(String sql) {
        return new DialectStatement(sql);
    }

    /**
     * Names its SQL to {@code JdbcTemplate} ({@link SqlProvider}), so a failure's message says which
     * statement failed ("bad SQL grammar [UPDATE mtgo_peers ...]", not "[]"); the text holds no values.
     */
    private final class DialectStatement implements PreparedStatementCreator, SqlProvider {

        private final String sql;

        DialectStatement(String sql) {
            this.sql = sql;
        }

        @Override
        public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
            return JdbcAccess.this.dialect.prepare(connection, this.sql);
        }

        @Override
        public String getSql() {
            return this.sql;
        }

    }

    JdbcStorageDialect dialect() {
        return this.dialect;
    }

    /** A write of one statement: outside a transaction, auto-commit makes it one by itself. */
    void writeStatement(Runnable work) {
        write(null, false, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Like {@link #writeStatement(Runnable)}, for a statement whose failure the work handles itself.
     * @param serialisationKey as for {@link #writeAtomically}, for a statement that locks several
     *     rows in an order of its own; {@code null} for one row
     * @return what the work returned
     */
    boolean tryWriteStatement(@Nullable String serialisationKey, BooleanSupplier work) {
        Boolean done = write(serialisationKey, false, work::getAsBoolean);
        return Boolean.TRUE.equals(done);
    }

    /**
     * Whether a write of ours may let one of its statements fail and go on: never in the caller's
     * transaction (the failure would be theirs), and only where the statement commits by itself
     * (a single statement on an auto-commit pool) or a failed statement leaves our transaction
     * usable ({@link JdbcStorageDialect#failedStatementKeepsTransaction}).
     */
    boolean mayContinueAfterFailedStatement(boolean singleStatement) {
        return !inCallersTransaction() && (this.dialect.failedStatementKeepsTransaction() || (singleStatement && this.autoCommitPool));
    }

    /** Whether a write failed because a unique index refused its row. */
    boolean uniqueViolation(DataAccessException failure) {
        return failure instanceof DuplicateKeyException || anySqlCause(failure, this.dialect::uniqueViolation);
    }

    /** Whether an {@code SQLException} among the failure's causes meets the test. */
    private static boolean anySqlCause(DataAccessException failure, Predicate<SQLException> test) {
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && test.test(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A write of several statements that must all apply or none, serialised in this JVM with every
     * other such write on the same {@code key} when it runs in a transaction of its own. Writers that
     * free and claim usernames lock rows in an order nobody can choose (whoever holds a name), so two
     * of them deadlock easily; PostgreSQL only notices after its {@code deadlock_timeout} (a second).
     * Writes in the caller's transaction take no lock here: it may hold row locks past our call,
     * and a lock the database cannot see would turn that into an undetectable deadlock.
     */
    void writeAtomically(String key, Runnable work) {
        write(key, true, () -> {
            work.run();
            return null;
        });
    }

    /**
     * A write that lost a race after this long was waiting for a lock until the database's lock
     * timeout (MariaDB's 50 s by default), not racing: trying again would only multiply that wait
     * (a write blocked by a transaction the caller itself left open took minutes to fail). Races
     * the store retries (a key taken in between, SQLite's busy lock) are reported in milliseconds.
     * Deadlocks and serialization failures are retried however long the attempt took: the database
     * chose this write to roll back so that the others go on, and on a loaded machine it does so
     * seconds into the attempt (20 accounts starting at once on MySQL Connector/J).
     */
    private static final long LONGEST_RETRIED_ATTEMPT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private <T> @Nullable T write(@Nullable String serialisationKey, boolean severalStatements, Supplier<T> work) {
        if (inCallersTransaction()) {
            return work.get();
        }
        long[] attemptStarted = new long[1];
        return Retries.run("write", failure -> failure instanceof DataAccessException data && lostARace(data)
                && (rolledBackForAnother(data) || System.nanoTime() - attemptStarted[0] < LONGEST_RETRIED_ATTEMPT_NANOS), () -> {
            Lock lock = (serialisationKey != null) ? WRITER_LOCKS.of(serialisationKey) : null;
            if (lock != null) {
                lock.lock();
            }
            attemptStarted[0] = System.nanoTime();
            try {
                return (!severalStatements && this.autoCommitPool) ? work.get() : this.ownTransaction.execute(status -> {
                    String writeLock = this.dialect.writeLockStatement();
                    if (writeLock != null) {
                        update(writeLock, statement -> {
                        });
                    }
                    return work.get();
                });
            }
            finally {
                if (lock != null) {
                    lock.unlock();
                }
            }
        });
    }

    /**
     * A connection bound to the thread in manual-commit mode belongs to a transaction that commits
     * it. One bound in auto-commit (transaction synchronisation without a JDBC transaction) does
     * not, so several statements on it need a transaction of their own.
     */
    private boolean inCallersTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        if (!(TransactionSynchronizationManager.getResource(this.dataSource) instanceof ConnectionHolder holder)
                || holder.getConnectionHandle() == null) {
            return false;
        }
        try {
            return !holder.getConnection().getAutoCommit();
        }
        catch (SQLException ex) {
            throw this.jdbcTemplate.getExceptionTranslator().translate("mtgo-storage: transaction check", null, ex);
        }
    }

    /**
     * Binds one row of a batch.
     */
    @FunctionalInterface
    interface RowBinder {

        void bind(PreparedStatement statement, int row) throws SQLException;

    }

    /**
     * Whether the database rolled the write back to break a deadlock or a serialization conflict
     * (SQL state class 40: MySQL's and MariaDB's 1213, PostgreSQL's 40P01 and 40001), rather than
     * after waiting out a lock timeout, which MySQL Connector/J reports in class 40 too.
     */
    private boolean rolledBackForAnother(DataAccessException failure) {
        return anySqlCause(failure, sql -> inRollbackClass(sql) && !this.dialect.lockWaitTimedOut(sql));
    }

    /** SQL state class 40, transaction rollback: deadlocks and serialization failures. */
    private static boolean inRollbackClass(SQLException failure) {
        return String.valueOf(failure.getSQLState()).startsWith("40");
    }

    /**
     * Whether a write failed only because another writer got there first: a unique key taken
     * between our statements, a deadlock, a lock timeout or serialization failure, or SQLite's busy
     * lock. Not a connection failure: retrying that would only multiply the time to report it.
     */
    boolean lostARace(DataAccessException failure) {
        if (failure instanceof TransientDataAccessResourceException) {
            return false;
        }
        if (failure instanceof TransientDataAccessException || failure instanceof DuplicateKeyException) {
            return true;
        }
        return anySqlCause(failure, sql -> inRollbackClass(sql) || this.dialect.lostARace(sql));
    }

}
