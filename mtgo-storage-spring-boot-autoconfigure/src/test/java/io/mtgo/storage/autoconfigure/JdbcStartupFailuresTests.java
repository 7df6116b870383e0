package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
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

    @Test
    void credentialsInTheUrlAreNeverShown() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:mysql://bot:S3cretPw@127.0.0.1:3306/bots?password=S3cretPw");
        String database = JdbcStorageFactory.describe(dataSource);
        assertThat(database).isEqualTo("DataSource jdbc:mysql://127.0.0.1:3306/bots");
        // What MariaDB Connector/J says of such a URL, and what a driver quoting it might say.
        SQLException quoted = new SQLException("Could not connect to jdbc:mysql://bot:S3cretPw@127.0.0.1:3306/bots", "08000");
        StorageStartupException failure = JdbcStartupFailures.databaseUnavailable(database, "connect", quoted);
        assertThat(failure.getMessage()).doesNotContain("S3cretPw").contains("jdbc:mysql://127.0.0.1:3306/bots");
    }

    @Test
    void aConnectionCharacterSetTheDriverRefusesSaysToUseUtf8mb4() {
        // MariaDB Connector/J's text for a URL with connectionCollation=latin1_swedish_ci (measured)
        SQLException refused = new SQLException("wrong connection collation 'latin1_swedish_ci' only utf8mb4 collation are accepted");
        StorageStartupException failure = JdbcStartupFailures.databaseUnavailable("DataSource jdbc:mariadb://127.0.0.1:3306/x",
                "apply its schema", refused);
        assertThat(failure.getAction()).contains("utf8mb4").contains("connectionCollation").doesNotContain("reachable");
    }

}
