package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.autoconfigure.MtgoStorageH2File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 acknowledges commits before writing them unless {@code WRITE_DELAY} is 0 (the crash test
 * loses writes otherwise): the starter's own H2 file sets it, and a storage on an application's H2
 * file that keeps a delay warns once.
 */
@ExtendWith(OutputCaptureExtension.class)
class H2DurabilityTests {

    @TempDir
    Path directory;

    @Test
    void theStartersH2FileWritesEveryCommitBeforeAcknowledgingIt(CapturedOutput output) {
        new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("default"))
            .run(context -> {
                assertThat(context.getBean(Storage.class)).isNotNull();
                assertThat(writeDelay(context.getBean(MtgoStorageH2File.class).dataSource())).isZero();
            });
        assertThat(output).doesNotContain("mtgo-storage: the H2 database");
    }

    @Test
    void aStorageOnAnH2FileThatDelaysCommitsSaysHowToFixIt(CapturedOutput output) throws Exception {
        try (HikariDataSource delayed = JdbcTestDataSources.pool("jdbc:h2:file:" + this.directory.resolve("delayed"), "sa", "", 2);
                Storage storage = Storages.adapt(delayed, "durability")) {
            assertThat(writeDelay(delayed)).isPositive();
            assertThat(output).contains("acknowledges commits up to 500 ms before writing them (WRITE_DELAY)")
                .contains("Open it as jdbc:h2:retry:<path>" + H2Durability.URL_SETTINGS);
        }
    }

    @Test
    void aStorageOnAnH2FileThatAnInterruptWouldCloseSaysHowToFixIt(CapturedOutput output) throws Exception {
        try (HikariDataSource plain = JdbcTestDataSources.pool("jdbc:h2:file:" + this.directory.resolve("plain") + ";WRITE_DELAY=0", "sa", "", 2);
                Storage storage = Storages.adapt(plain, "durability")) {
            assertThat(output).doesNotContain("(WRITE_DELAY)")
                .contains("is closed for every thread until a restart when a thread writing to it is interrupted")
                .contains("Open it as jdbc:h2:retry:<path>" + H2Durability.URL_SETTINGS);
        }
    }

    @Test
    void aStorageOnAnH2FileWithoutDelayIsQuiet(CapturedOutput output) throws Exception {
        try (HikariDataSource immediate = JdbcTestDataSources
            .pool(H2Durability.fileUrl(this.directory.resolve("immediate")), "sa", "", 2);
                Storage storage = Storages.adapt(immediate, "durability")) {
            assertThat(writeDelay(immediate)).isZero();
            assertThat(output).doesNotContain("mtgo-storage: the H2 database");
        }
    }

    private static int writeDelay(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement
                    .executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(row.next()).as("WRITE_DELAY setting row").isTrue();
            return Integer.parseInt(row.getString(1).trim());
        }
    }

}
