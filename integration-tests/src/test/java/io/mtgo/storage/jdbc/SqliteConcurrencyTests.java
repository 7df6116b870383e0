package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite file that several pooled connections share in the driver's defaults (rollback journal)
 * fails a bot's concurrent calls with {@code SQLITE_BUSY}: a storage on it says so once, with the URL
 * that avoids it; the settings docs/jdbc.md gives, and a pool of one connection, are quiet.
 */
@ExtendWith(OutputCaptureExtension.class)
class SqliteConcurrencyTests {

    private static final String WARNING = "mtgo-storage: the SQLite file ";

    @TempDir
    Path directory;

    @Test
    void aPoolOnTheDriversDefaultsSaysHowToFixIt(CapturedOutput output) throws Exception {
        Path file = this.directory.resolve("defaults.sqlite");
        try (HikariDataSource pool = JdbcTestDataSources.pool("jdbc:sqlite:" + file, null, null, 10);
                Storage storage = Storages.adapt(pool, "concurrency")) {
            assertThat(output).contains(WARNING + file.toAbsolutePath() + ", shared by up to 10 pooled connections, is in "
                    + "journal_mode=delete, where a reader and the writer lock each other out: under concurrent calls")
                .doesNotContain("(busy_timeout)")
                .contains("Add journal_mode=WAL&busy_timeout=10000&open_mode=32774 to the JDBC URL and keep the pool to one "
                        + "connection (spring.datasource.hikari.maximum-pool-size=1");
        }
    }

    @Test
    void aPoolInWalModeThatWaitsTooLittleForTheLockSaysSo(CapturedOutput output) throws Exception {
        try (HikariDataSource pool = JdbcTestDataSources.pool(
                "jdbc:sqlite:" + this.directory.resolve("impatient.sqlite") + "?journal_mode=WAL&busy_timeout=100", null, null, 4);
                Storage storage = Storages.adapt(pool, "concurrency")) {
            assertThat(output).contains("shared by up to 4 pooled connections, is given up on after 100 ms when locked (busy_timeout)")
                .doesNotContain("journal_mode=wal,");
        }
    }

    @Test
    void aPoolWithTheDocumentedSettingsIsQuiet(CapturedOutput output) throws Exception {
        try (HikariDataSource pool = JdbcTestDataSources.pool(
                "jdbc:sqlite:" + this.directory.resolve("documented.sqlite") + "?journal_mode=WAL&busy_timeout=10000&open_mode=32774",
                null, null, 4);
                Storage storage = Storages.adapt(pool, "concurrency")) {
            storage.setUpdateState(2, new byte[] { 1, 2, 3 });
            assertThat(storage.getUpdateState(2)).hasValue(new byte[] { 1, 2, 3 });
            assertThat(output).doesNotContain(WARNING);
        }
    }

    @Test
    void aPoolOfOneConnectionHasNobodyToContendWith(CapturedOutput output) throws Exception {
        try (HikariDataSource pool = JdbcTestDataSources.pool("jdbc:sqlite:" + this.directory.resolve("single.sqlite"), null, null, 1);
                Storage storage = Storages.adapt(pool, "concurrency")) {
            assertThat(output).doesNotContain(WARNING);
        }
    }

}
