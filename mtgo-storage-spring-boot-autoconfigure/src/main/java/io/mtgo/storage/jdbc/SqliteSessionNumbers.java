package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SQLite's peer rows name their session by a small number (changeset 6, {@code mtgo_session_numbers}),
 * not by its name: a number of one or two bytes instead of the name in every row and in the key's
 * index, so a batch of peers scattered over the table changes fewer pages.
 * <p>
 * A session gets its number with its first saved peer. A number, once committed, stays its
 * session's for good: the table is {@code AUTOINCREMENT} (a number is never given again, even
 * after its row is gone) and deleting a session keeps its number. So a committed number is kept
 * here for the life of the store, by every storage of it. A number made or read inside a
 * transaction may still go with that transaction's rollback, and then be given to another session:
 * it is kept for that transaction only, and for good once it commits.
 */
final class SqliteSessionNumbers {

    /** Bound for a session with no number yet, which has no peers: AUTOINCREMENT starts at 1. */
    static final long NONE = 0;

    private static final String FIND = "SELECT session_number FROM %SCHEMA%mtgo_session_numbers WHERE session_name = ?";

    /** A write even when the session has its number: it takes SQLite's write lock (see {@link #of}). No number is used up then. */
    private static final String CREATE = "INSERT INTO %SCHEMA%mtgo_session_numbers (session_name) SELECT ? WHERE NOT EXISTS "
            + "(SELECT 1 FROM %SCHEMA%mtgo_session_numbers WHERE session_name = ?)";

    private final Map<String, Long> committed = new ConcurrentHashMap<>();

    private final KeptStatements statements;

    private volatile String find = FIND.replace("%SCHEMA%", "");

    private volatile String create = CREATE.replace("%SCHEMA%", "");

    SqliteSessionNumbers(KeptStatements statements) {
        this.statements = statements;
    }

    /** @param tablePrefix {@code schema.} or nothing, as the store's other statements name tables */
    void tablePrefix(String tablePrefix) {
        this.find = FIND.replace("%SCHEMA%", tablePrefix);
        this.create = CREATE.replace("%SCHEMA%", tablePrefix);
    }

    /**
     * The session's number, looked up (and made, when {@code create}) on the connection of the
     * statement being bound, so inside whatever transaction that statement runs in.
     * @return the number, or {@link #NONE} when the session has none and none was to be made
     */
    long of(Connection connection, String sessionName, boolean create) throws SQLException {
        Long known = this.committed.get(sessionName);
        if (known != null) {
            return known;
        }
        Map<String, Long> ofTransaction = ofTransaction(connection);
        Long inTransaction = (ofTransaction != null) ? ofTransaction.get(sessionName) : null;
        if (inTransaction != null) {
            return inTransaction;
        }
        if (create) {
            // Write before reading: a transaction that reads first may fail at once on its first
            // write while another process writes (SqliteJdbcStorageDialect.writeLockStatement).
            // The store's own transactions take the lock first anyway; this covers the
            // application's transaction, where the store's write is the first statement. Once per
            // session and store.
            KeptStatements.Runner insert = KeptStatements.runnerOf(this.statements.prepare(connection, this.create));
            insert.statement().setString(1, sessionName);
            insert.statement().setString(2, sessionName);
            insert.executeUpdate();
        }
        long number = find(connection, sessionName);
        if (number != NONE) {
            if (connection.getAutoCommit()) {
                this.committed.put(sessionName, number);
            }
            else if (ofTransaction != null) {
                ofTransaction.put(sessionName, number);
            }
        }
        return number;
    }

    private long find(Connection connection, String sessionName) throws SQLException {
        KeptStatements.Runner runner = KeptStatements.runnerOf(this.statements.prepare(connection, this.find));
        runner.statement().setString(1, sessionName);
        try (ResultSet row = runner.executeQuery()) {
            return row.next() ? row.getLong(1) : NONE;
        }
    }

    /**
     * The numbers met in the thread's transaction on this connection, moved to {@link #committed}
     * when it commits; {@code null} outside a transaction Spring synchronises (then nothing found in
     * a transaction is kept).
     */
    private @Nullable Map<String, Long> ofTransaction(Connection connection) throws SQLException {
        if (connection.getAutoCommit() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        if (TransactionSynchronizationManager.getResource(this) instanceof TransactionNumbers numbers) {
            // A transaction on another connection (one the thread's transaction suspended) has its own.
            return (numbers.connection == connection) ? numbers.numbers : null;
        }
        TransactionNumbers numbers = new TransactionNumbers(connection);
        TransactionSynchronizationManager.bindResource(this, numbers);
        TransactionSynchronizationManager.registerSynchronization(numbers);
        return numbers.numbers;
    }

    private final class TransactionNumbers implements TransactionSynchronization {

        final Connection connection;

        final Map<String, Long> numbers = new HashMap<>();

        TransactionNumbers(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(SqliteSessionNumbers.this);
            if (status == STATUS_COMMITTED) {
                SqliteSessionNumbers.this.committed.putAll(this.numbers);
            }
        }

    }

}
