package io.mtgo.storage.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of an application started at the same moment on a database without the library's
 * tables (a new SQLite file, a new PostgreSQL schema) each apply the changelog at start-up: every
 * one of them starts, the schema is made once and Liquibase's lock is left free. Real processes,
 * since Liquibase keeps process-wide state that threads would share.
 */
class ConcurrentFirstStartTests {

    private static final int INSTANCES = 3;

    private static final String SCHEMA = "mtgo_first_start";

    @TempDir
    Path directory;

    @Test
    void instancesStartingTogetherOnANewSqliteFileAllStart() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            Path file = Files.createDirectories(this.directory.resolve("attempt-" + attempt)).resolve("new.sqlite");
            startTogether(WriterDatabase.sqlite(file), null);
        }
    }

    @Test
    void instancesStartingTogetherOnANewPostgresSchemaAllStart() throws Exception {
        WriterDatabase database = WriterDatabase.postgres();
        try (HikariDataSource admin = database.open()) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        startTogether(database, SCHEMA);
    }

    private static void startTogether(WriterDatabase database, String schema) throws Exception {
        // Far enough ahead for every JVM to be up and waiting, so their changelog runs overlap.
        long startAt = System.currentTimeMillis() + 3_000;
        List<ChildJvm> instances = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                List<String> args = new ArrayList<>(List.of(Long.toString(startAt), (schema != null) ? schema : ""));
                args.addAll(database.args());
                instances.add(ChildJvm.start(SchemaApplyProcess.class, args));
            }
            for (ChildJvm instance : instances) {
                assertThat(instance.awaitExit(Duration.ofMinutes(2))).as("exit of an instance; its stderr:%n%s", instance.stderr())
                    .isZero();
                assertThat(instance.stdout()).contains("applied");
            }
        }
        finally {
            for (ChildJvm instance : instances) {
                instance.close();
            }
        }
        String prefix = (schema != null) ? schema + "." : "";
        try (HikariDataSource dataSource = database.open()) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForList("SELECT ID FROM " + prefix + "DATABASECHANGELOG", String.class)).as("changesets recorded")
                .contains("mtgo-storage-1-peers", "mtgo-storage-2-leases")
                .doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "DATABASECHANGELOGLOCK WHERE LOCKED = TRUE", Integer.class))
                .as("Liquibase's lock left taken").isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "mtgo_peers", Integer.class)).isZero();
        }
    }

}
