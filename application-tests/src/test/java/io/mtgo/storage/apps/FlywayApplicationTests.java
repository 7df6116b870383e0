package io.mtgo.storage.apps;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flyway application on a fresh database: Flyway requires an empty schema for its first
 * migration, so the library's changelog must run after it, never before (it once came first, and
 * Flyway's advice, {@code baseline-on-migrate}, then silently skipped the application's {@code V1}).
 */
class FlywayApplicationTests {

    @TempDir
    Path directory;

    @Test
    void onAFreshPostgresDatabaseTheApplicationsV1RunsAndTheLibraryFollows() {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("flyway")) {
            runsTheApplicationsMigrationThenTheLibrarys(database.properties());
        }
    }

    @Test
    void onAFreshH2FileTheApplicationsV1RunsAndTheLibraryFollows() {
        runsTheApplicationsMigrationThenTheLibrarys(
                new String[] { "spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("flyway") + ";WRITE_DELAY=0" });
    }

    private void runsTheApplicationsMigrationThenTheLibrarys(String[] database) {
        byte[] authKey = new byte[256];
        authKey[255] = 9;
        String[] properties = concat(database, "spring.jpa.hibernate.ddl-auto=validate", "mtgo.storage.session-name=flyway-bot");
        try (ConfigurableApplicationContext app = Apps.start(properties)) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL", String.class))
                .containsExactly("1");
            assertThat(app.getBeanFactory().getBeanDefinition("mtgoStorageSchemaInitializer").getDependsOn())
                .as("the library's changelog waits for Flyway").contains("flywayInitializer");
            app.getBean(NoteRepository.class).save(new Note(1, "kept"));
            app.getBean(Storage.class).saveSession(Session.builder("flyway-bot").dcId(2).authKey(authKey).build());
        }
        try (ConfigurableApplicationContext app = Apps.start(properties)) {
            assertThat(app.getBean(NoteRepository.class).findByText("kept")).hasSize(1);
            assertThat(app.getBean(Storage.class).loadSession("flyway-bot")).map(Session::authKey).contains(authKey);
        }
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

}
