package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a start-up failure tells the user to change, for failures the drivers really raise.
 */
class JdbcStartupFailuresTests {

    @TempDir
    Path directory;

    @Test
    void aSqliteFileInADirectoryThatDoesNotExistSaysToCreateTheDirectory() {
        String url = "jdbc:sqlite:" + this.directory.resolve("no-such-dir").resolve("bot.sqlite");
        SQLException cannotOpen = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url).close());
        StorageStartupException failure = JdbcStartupFailures.databaseUnavailable("DataSource " + url, "apply its schema", cannotOpen);
        assertThat(failure.getMessage()).contains("DataSource " + url).contains("SQLITE_CANTOPEN");
        assertThat(failure.getAction()).contains("create the directory in spring.datasource.url");
    }

    @Test
    void preparedStatementsLostBehindATransactionPoolerSayToTurnThemOff() {
        // pgjdbc's text for PostgreSQL's 26000 (PgBouncer in transaction mode, measured)
        SQLException lost = new SQLException("ERROR: prepared statement \"S_4\" does not exist", "26000");
        StorageStartupException failure = JdbcStartupFailures.databaseUnavailable("DataSource jdbc:postgresql://pgbouncer:6432/x",
                "apply its schema", lost);
        assertThat(failure.getAction()).contains("prepareThreshold=0").contains("PgBouncer");
    }

    @Test
    void otherUnreachableDatabasesKeepTheGeneralAdvice() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:1 refused", "08001");
        StorageStartupException failure = JdbcStartupFailures.databaseUnavailable("DataSource jdbc:postgresql://127.0.0.1:1/x",
                "apply its schema", refused);
        assertThat(failure.getAction()).contains("is running and reachable").doesNotContain("directory");
    }

}
