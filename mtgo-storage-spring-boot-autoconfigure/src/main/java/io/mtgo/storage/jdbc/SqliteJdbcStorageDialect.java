package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SQLite: no row locks, since the database lock serialises writers anyway. The xerial driver reports every failure with the same SQL state, so
 * lost races are told apart by SQLite's result code in the message.
 */
final class SqliteJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    /**
     * sqlite-jdbc follows every statement whose text starts with {@code INSERT} (its
     * {@code INSERT_PATTERN}) with a {@code SELECT last_insert_rowid()} on a statement compiled anew
     * each time, for {@code getGeneratedKeys}, which the store never calls: 13% of a
     * {@code savePeer}'s CPU time. A leading comment keeps the store's statements out of that
     * pattern without changing the connection's setting for the application's own statements.
     */
    private static final String NOT_FOR_GENERATED_KEYS = "/* mtgo-storage */ ";

    private final KeptStatements statements = new KeptStatements(
            (physical, sql) -> physical.prepareStatement(NOT_FOR_GENERATED_KEYS + sql));

    /** Re-used per physical connection: the driver compiles the SQL again for every prepare. */
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
