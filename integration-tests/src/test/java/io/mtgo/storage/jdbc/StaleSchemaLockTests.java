package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.autoconfigure.StorageStartupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed while it applied the schema on a first start leaves Liquibase's lock set; the
 * next start waited for it, then failed with advice to check that the database is reachable. It now
 * says how to release the lock. Liquibase's wait is cut to one look here (five minutes by default).
 */
class StaleSchemaLockTests {

    private static final String LOCK_WAIT_PROPERTY = "liquibase.changelogLockWaitTimeInMinutes";

    @TempDir
    Path directory;

    @BeforeEach
    void lookForTheLockOnce() {
        System.setProperty(LOCK_WAIT_PROPERTY, "0");
    }

    @AfterEach
    void restoreTheWait() {
        System.clearProperty(LOCK_WAIT_PROPERTY);
    }

    @Test
    void aLockLeftByAKilledFirstStartFailsStartUpSayingHowToReleaseIt() {
        Path file = this.directory.resolve("bot");
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(H2Durability.fileUrl(file), "sa", "", 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE DATABASECHANGELOGLOCK (ID INT PRIMARY KEY, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP, "
                    + "LOCKEDBY VARCHAR(255))");
            jdbc.update("INSERT INTO DATABASECHANGELOGLOCK VALUES (1, TRUE, CURRENT_TIMESTAMP, 'killed-host (10.0.0.9)')");
        }
        new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + file)
            .run(context -> {
                Throwable failure = context.getStartupFailure();
                while (failure != null && !(failure instanceof StorageStartupException)) {
                    failure = failure.getCause();
                }
                assertThat(failure).isInstanceOf(StorageStartupException.class).hasMessageContaining("killed-host");
                assertThat(((StorageStartupException) failure).getAction()).contains("killed while doing so")
                    .contains("UPDATE DATABASECHANGELOGLOCK SET LOCKED = FALSE");
            });
    }

    /**
     * SQLite, killed during the first start after an upgrade (a changeset that rebuilds a table):
     * Liquibase itself then failed with a ClassCastException (it reads the lock's time, text on
     * SQLite, as a date), which said nothing of the lock.
     */
    @Test
    void aLockLeftOnSqliteDuringAnUpgradeIsNamedAndCanBeReleased() {
        Path file = this.directory.resolve("bot.sqlite");
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(file)) {
            EarlierSchemas.applyFirst(dataSource, 11); // a release before changeset 6, which the upgrade then runs
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.update("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKGRANTED = '2026-12-03 17:15:53', "
                    + "LOCKEDBY = 'killed-host (10.0.0.9)' WHERE ID = 1");
            ApplicationContextRunner starter = new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
                .withBean(DataSource.class, () -> JdbcTestDataSources.sqlite(file)); // a pool of its own, closed with the context
            starter.run(context -> {
                Throwable failure = context.getStartupFailure();
                while (failure != null && !(failure instanceof StorageStartupException)) {
                    failure = failure.getCause();
                }
                assertThat(failure).isInstanceOf(StorageStartupException.class)
                    .hasMessageContaining("changelog lock is held by 'killed-host (10.0.0.9)' since 2026-12-03 17:15:53")
                    .hasMessageNotContaining("ClassCastException");
                assertThat(((StorageStartupException) failure).getAction()).contains("killed while doing so");
            });

            jdbc.update(ChangelogLock.releaseStatement(null));
            starter.run(context -> assertThat(context).hasNotFailed());
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID = "
                    + "'mtgo-storage-6-peers-numbered-sessions-and-types-sqlite'", Integer.class)).isOne();
        }
    }

}
