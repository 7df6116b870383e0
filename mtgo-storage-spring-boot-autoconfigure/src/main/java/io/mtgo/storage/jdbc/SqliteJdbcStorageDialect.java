package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SQLite: no row locks, since the database lock serialises writers anyway. The xerial driver reports every failure with the same SQL state, so
 * lost races are told apart by SQLite's result code in the message.
 */
final class SqliteJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    private final SqliteStatementCache statements = new SqliteStatementCache();

    /** Re-used per physical connection: the driver compiles the SQL again for every prepare. */
    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return this.statements.prepare(connection, sql);
    }

    @Override
    String forUpdate() {
        return "";
    }

    @Override
    boolean lostARace(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED") || message.contains("SQLITE_CONSTRAINT_UNIQUE")
                || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
    }

}
