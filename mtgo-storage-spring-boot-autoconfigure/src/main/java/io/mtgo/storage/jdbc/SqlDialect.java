package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The only per-database SQL of the JPA backend: a single-statement upsert and row locking. Chosen
 * from the JDBC driver's {@code DatabaseMetaData}.
 */
enum SqlDialect {

    /**
     * H2: {@code MERGE ... KEY} replaces whole rows; when some columns must keep their stored
     * value, the standard {@code MERGE ... USING}. H2 types {@code VALUES} parameters of the latter
     * as text, so it is only used for rows without binary columns (conversations).
     */
    H2 {
        @Override
        String upsert(String table, List<String> keys, List<String> columns, List<String> updated) {
            if (updated.size() == columns.size() - keys.size()) {
                return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys)
                        + ") VALUES (" + placeholders(columns) + ")";
            }
            String source = columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
            String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
            String set = updated.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
            return "MERGE INTO " + table + " t USING (VALUES (" + placeholders(columns) + ")) s(" + String.join(", ", columns)
                    + ") ON (" + on + ") WHEN MATCHED THEN UPDATE SET " + set + " WHEN NOT MATCHED THEN INSERT ("
                    + String.join(", ", columns) + ") VALUES (" + source + ")";
        }
    },

    /** PostgreSQL and SQLite: {@code INSERT ... ON CONFLICT DO UPDATE}. */
    ON_CONFLICT {
        @Override
        String upsert(String table, List<String> keys, List<String> columns, List<String> updated) {
            String set = updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return insert(table, columns) + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + set;
        }
    },

    /** MariaDB and MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
    MYSQL {
        @Override
        String upsert(String table, List<String> keys, List<String> columns, List<String> updated) {
            String set = updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
            return insert(table, columns) + " ON DUPLICATE KEY UPDATE " + set;
        }
    };

    /**
     * Returns an upsert statement with one placeholder per column, in {@code columns} order.
     * @param table the table
     * @param keys the primary-key columns
     * @param columns every column written
     * @param updated the columns an existing row takes from the new values
     * @return the SQL
     */
    abstract String upsert(String table, List<String> keys, List<String> columns, List<String> updated);

    static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres") || product.contains("sqlite")) {
            return ON_CONFLICT;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MYSQL;
        }
        throw new IllegalStateException("The JPA storage supports H2, SQLite, PostgreSQL and MariaDB/MySQL, not " + product);
    }

    /**
     * The suffix that locks the rows a {@code SELECT} reads until the transaction ends; none on
     * SQLite, whose writers are serialised by the database lock anyway.
     */
    String forUpdate(Connection connection) throws SQLException {
        return isSqlite(connection) ? "" : " FOR UPDATE";
    }

    static boolean isSqlite(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns) + ")";
    }

    private static String placeholders(List<String> columns) {
        return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    }

}
