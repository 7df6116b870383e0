package io.mtgo.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's text columns are read as their stored bytes where those are UTF-8 (the default), and
 * through the driver's {@code getString} in a database made with another encoding.
 */
class SqliteTextColumnsTests {

    private static final String NAME = "Алиса 🦊 Ωmega";

    @ParameterizedTest
    @CsvSource({ "UTF-8, true", "UTF-16le, false", "UTF-16be, false" })
    void textReadsBackAsStoredInEveryEncoding(String encoding, boolean utf8) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA encoding = '" + encoding + "'");
                statement.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, NAME);
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setNull(2, java.sql.Types.VARCHAR);
                insert.executeUpdate();
            }
            assertThat(SqliteJdbcStorageDialect.keepsTextInUtf8(connection)).isEqualTo(utf8);
            SqliteJdbcStorageDialect dialect = new SqliteJdbcStorageDialect(SqliteJdbcStorageDialect.keepsTextInUtf8(connection));
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT b FROM t ORDER BY a")) {
                assertThat(rows.next()).isTrue();
                assertThat(dialect.text(rows, 1)).isEqualTo(NAME);
                assertThat(rows.next()).isTrue();
                assertThat(dialect.text(rows, 1)).isNull();
            }
            if (!utf8) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT b FROM t WHERE a = 1")) {
                    rows.next();
                    assertThat(new String(rows.getBytes(1), StandardCharsets.UTF_8)).as("why the encoding is checked").isNotEqualTo(NAME);
                }
            }
        }
    }

}
