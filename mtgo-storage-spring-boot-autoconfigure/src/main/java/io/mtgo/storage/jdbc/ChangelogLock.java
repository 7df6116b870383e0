package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Liquibase's changelog lock, read straight from its table. A process killed while it applied the
 * schema (its first start, or the first after an upgrade that rebuilds a table) leaves the lock set,
 * and every later start waits five minutes for it, then fails; on SQLite Liquibase cannot even say
 * why, as it reads the lock's time, stored there as text, as a date (a {@code ClassCastException}).
 * Reading the row here lets the store say who holds the lock, since when, and how to release it.
 */
final class ChangelogLock {

    private ChangelogLock() {
    }

    /**
     * @param schema the schema of Liquibase's tables, or {@code null} for the connection's default
     * @return who holds the lock and since when, or {@code null} when it is free or cannot be read
     *     (no lock table yet, the database unreachable)
     */
    static @Nullable String holder(DataSource dataSource, @Nullable String schema) {
        String sql = "SELECT LOCKED, LOCKEDBY, LOCKGRANTED FROM " + table(schema) + " WHERE ID = 1";
        try (Connection connection = dataSource.getConnection()) {
            // On a new database there is no lock table yet, and a query of it would fail loudly
            // (a warning from MariaDB's driver, a line in PostgreSQL's server log).
            if (!JdbcSchema.liquibaseTableExists(connection, schema, "DATABASECHANGELOGLOCK")) {
                return null;
            }
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                return (row.next() && row.getBoolean(1)) ? "'" + row.getString(2) + "' since " + row.getString(3) : null;
            }
        }
        catch (SQLException ex) {
            return null;
        }
    }

    /** What releases a lock that no running instance holds. */
    static String releaseStatement(@Nullable String schema) {
        return "UPDATE " + table(schema) + " SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1";
    }

    private static String table(@Nullable String schema) {
        return ((schema != null) ? schema + "." : "") + "DATABASECHANGELOGLOCK";
    }

}
