package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements kept per SQLite connection: one view per statement, which a close readies for the next
 * use; binding and running go to the driver's statement behind it; the column names the driver
 * would read again on every query are kept; a batch added but never run does not reach the next one;
 * the driver's look for generated keys is off for the store's statements only.
 */
class KeptStatementsTests {

    private final KeptStatements kept = new KeptStatements(Connection::prepareStatement);

    private Connection connection;

    @BeforeEach
    void openDatabase() throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement statement = this.connection.createStatement()) {
            statement.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
            statement.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        this.connection.close();
    }

    @Test
    void aStatementIsPreparedOnceAndItsViewSurvivesClose() throws SQLException {
        PreparedStatement first = this.kept.prepare(this.connection, "SELECT b FROM t WHERE a = ?");
        first.close();
        PreparedStatement second = this.kept.prepare(this.connection, "SELECT b FROM t WHERE a = ?");
        assertThat(second).isSameAs(first);
        assertThat(second.isClosed()).isFalse();
        assertThat(KeptStatements.runnerOf(second).statement()).isNotSameAs(second).isInstanceOf(org.sqlite.jdbc3.JDBC3PreparedStatement.class);
        try (PreparedStatement plain = this.connection.prepareStatement("SELECT 1")) {
            assertThat(KeptStatements.runnerOf(plain).statement()).as("not a kept one").isSameAs(plain);
        }
    }

    @Test
    void everyQueryOfAKeptStatementHasItsRowsAndColumnNames() throws SQLException {
        assertThat(SqliteColumnNames.keepsNames()).as("sqlite-jdbc still exposes a result set's column names").isTrue();
        PreparedStatement view = this.kept.prepare(this.connection, "SELECT a, b AS label FROM t WHERE a >= ? ORDER BY a");
        ResultSet firstRows = null;
        for (int from = 1; from <= 3; from++) {
            KeptStatements.runnerOf(view).statement().setInt(1, from);
            try (ResultSet rows = KeptStatements.runnerOf(view).executeQuery()) {
                firstRows = (firstRows == null) ? rows : firstRows;
                assertThat(rows).as("the driver's one result set of the statement").isSameAs(firstRows);
                assertThat(rows.findColumn("label")).isEqualTo(2);
                assertThat(rows.getMetaData().getColumnLabel(2)).isEqualTo("label");
                int count = 0;
                while (rows.next()) {
                    assertThat(rows.getInt("a")).isEqualTo(from + count);
                    count++;
                }
                assertThat(count).isEqualTo(4 - from);
            }
            view.close();
        }
    }

    /**
     * Spring sets the remaining time of a transaction with a timeout on every statement it runs; a
     * statement kept past that transaction must not cut off later calls with the same timeout.
     */
    @Test
    void aQueryTimeoutSetForOneUseIsGoneAfterClose() throws SQLException {
        PreparedStatement view = this.kept.prepare(this.connection, "SELECT b FROM t WHERE a = ?");
        view.setQueryTimeout(3);
        assertThat(KeptStatements.runnerOf(view).statement().getQueryTimeout()).isEqualTo(3);
        view.close();
        PreparedStatement next = this.kept.prepare(this.connection, "SELECT b FROM t WHERE a = ?");
        assertThat(next).isSameAs(view);
        assertThat(KeptStatements.runnerOf(next).statement().getQueryTimeout()).as("timeout of the next use").isZero();
    }

    @Test
    void aBatchLeftUnexecutedIsClearedByClose() throws SQLException {
        PreparedStatement view = this.kept.prepare(this.connection, "INSERT INTO t (a, b) VALUES (?, ?)");
        PreparedStatement statement = KeptStatements.runnerOf(view).statement();
        for (int a = 10; a < 12; a++) {
            statement.setInt(1, a);
            statement.setString(2, "abandoned");
            view.addBatch();
        }
        view.close();
        statement.setInt(1, 20);
        statement.setString(2, "kept");
        view.addBatch();
        assertThat(view.executeBatch()).containsExactly(1);
        try (Statement check = this.connection.createStatement(); ResultSet rows = check.executeQuery("SELECT group_concat(a) FROM t WHERE a > 3")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("20");
        }
    }

    @Test
    void theStoresStatementsSkipTheLookForGeneratedKeysAndTheApplicationsKeepIt() throws SQLException {
        PreparedStatement view = this.kept.prepare(this.connection, "INSERT INTO t (b) VALUES (?)");
        KeptStatements.Runner runner = KeptStatements.runnerOf(view);
        runner.statement().setString(1, "the store's");
        assertThat(runner.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = runner.statement().getGeneratedKeys()) {
            assertThat(keys.next()).as("no SELECT last_insert_rowid() after the store's INSERT").isFalse();
        }
        assertThat(((org.sqlite.SQLiteConnection) this.connection).getConnectionConfig().isGetGeneratedKeys())
            .as("the connection's setting, as the application left it").isTrue();
        try (PreparedStatement own = this.connection.prepareStatement("INSERT INTO t (b) VALUES ('the application''s')",
                Statement.RETURN_GENERATED_KEYS)) {
            own.executeUpdate();
            try (ResultSet keys = own.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(5);
            }
        }
    }

}
