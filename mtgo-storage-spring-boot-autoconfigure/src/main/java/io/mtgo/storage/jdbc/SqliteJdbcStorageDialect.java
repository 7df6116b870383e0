package io.mtgo.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * SQLite: no row locks, since the database lock serialises writers anyway. The xerial driver reports every failure with the same SQL state, so
 * lost races are told apart by SQLite's result code in the message.
 */
final class SqliteJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    private final KeptStatements statements = new KeptStatements(Connection::prepareStatement);

    private final boolean textInUtf8;

    /**
     * @param textInUtf8 whether the database keeps its text in UTF-8 ({@link #keepsTextInUtf8})
     */
    SqliteJdbcStorageDialect(boolean textInUtf8) {
        this.textInUtf8 = textInUtf8;
    }

    /**
     * Whether the database's text is UTF-8, SQLite's default; another encoding can only be chosen
     * before the file's first table is made, and stays the file's for good.
     */
    static boolean keepsTextInUtf8(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA encoding")) {
            return rows.next() && "UTF-8".equalsIgnoreCase(rows.getString(1));
        }
    }

    /**
     * The stored bytes, decoded here: sqlite-jdbc's {@code getString} hands each value to Java in a
     * new direct buffer made through JNI, which made up 0.4 of the 11 microseconds of a read by id
     * (7 text columns). A text value's bytes are in the database's encoding, hence UTF-8 only.
     */
    @Override
    @Nullable String text(ResultSet row, int column) throws SQLException {
        if (!this.textInUtf8) {
            return row.getString(column);
        }
        byte[] utf8 = row.getBytes(column);
        return (utf8 != null) ? new String(utf8, StandardCharsets.UTF_8) : null;
    }

    /**
     * Re-used per physical connection: the driver compiles the SQL again for every prepare. Run
     * without the driver's look for generated keys ({@link SqliteGeneratedKeys}).
     */
    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return this.statements.prepare(connection, sql);
    }

    /**
     * A batch buffer of sqlite-jdbc grows to the largest batch its statement ever ran and is nulled
     * slot by slot after every batch: a statement kept for reuse that once saved 10,000 peers made
     * every later batch of 100 pay for 10,000 rows. The database is in-process, so splitting a
     * batch costs no round trip.
     */
    @Override
    int maxBatchRows() {
        return 128;
    }

    /** {@code IS} is SQLite's null-safe equality. */
    private static final String UPDATE_PEER_IN_PLACE = """
            UPDATE %SCHEMA%mtgo_peers
            SET access_hash = ?, username = ?, usernames = ?, first_name = ?, last_name = ?, phone = ?, bot = ?, photo_id = ?, lang = ?,
                last_updated_ms = ?, min_peer = ?
            WHERE session_name = ? AND peer_type = ? AND peer_id = ? AND username_key IS ?
            """;

    @Override
    String updatePeerInPlace() {
        return UPDATE_PEER_IN_PLACE;
    }

    @Override
    String forUpdate() {
        return "";
    }

    /** SQLite rolls back by itself after {@code SQLITE_FULL}, {@code SQLITE_IOERR} and {@code SQLITE_NOMEM}. */
    @Override
    boolean transactionAlreadyEnded(SQLException rollbackFailure) {
        return String.valueOf(rollbackFailure.getMessage()).contains("no transaction is active");
    }

    /** The driver reports no SQL state: SQLite's extended result code is in the message. */
    @Override
    boolean uniqueViolation(SQLException failure) {
        return String.valueOf(failure.getMessage()).contains("SQLITE_CONSTRAINT_UNIQUE");
    }

    @Override
    boolean lostARace(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED") || message.contains("SQLITE_CONSTRAINT_UNIQUE")
                || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
    }

}
