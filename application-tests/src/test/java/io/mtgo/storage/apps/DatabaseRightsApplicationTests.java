package io.mtgo.storage.apps;

import javax.sql.DataSource;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Production databases give the application a user with few rights, and the library's tables a
 * schema of their own: what such a user can do works, and what it cannot do says which right is
 * missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRightsApplicationTests {

    private static final String TABLES_IN = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name LIKE 'mtgo\\_%'";

    /**
     * PostgreSQL checks the right to create schemas in the database before it looks whether the
     * schema exists, so even {@code CREATE SCHEMA IF NOT EXISTS} fails for this user.
     */
    @Test
    void aUserThatOwnsItsSchemaButMayCreateNoOtherGetsTheTablesThere() {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("rights")) {
            String owner = database.newRole("owner");
            database.administer("CREATE SCHEMA bots AUTHORIZATION " + owner);
            try (ConfigurableApplicationContext app = Apps.start(start(database, owner, "mtgo.storage.jdbc.schema=bots"))) {
                Storage storage = app.getBean(Storage.class);
                storage.saveSession(Session.builder("rights-bot").dcId(4).build());
                assertThat(storage.loadSession("rights-bot")).map(Session::dcId).contains(4);
                JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
                assertThat(jdbc.queryForObject(TABLES_IN, Integer.class, "bots")).isEqualTo(5);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'bots' AND tableowner <> ?",
                        Integer.class, owner)).isZero();
            }
        }
    }

    /**
     * The store's statements name the schema unquoted, which PostgreSQL folds to lower case, so
     * Liquibase must create it under that name, not quoted as given.
     */
    @Test
    void aSchemaNameInMixedCaseIsTheSchemaTheStoreReads() {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("rights")) {
            for (int start = 1; start <= 2; start++) {
                try (ConfigurableApplicationContext app = Apps.start(FlywayApplicationTests.concat(database.properties(),
                        "spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=none", "mtgo.storage.jdbc.schema=TeleGram",
                        "mtgo.storage.session-name=rights-bot"))) {
                    Storage storage = app.getBean(Storage.class);
                    if (start == 1) {
                        storage.saveSession(Session.builder("rights-bot").dcId(5).build());
                    }
                    assertThat(storage.loadSession("rights-bot")).as("start " + start).map(Session::dcId).contains(5);
                    JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
                    assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE lower(nspname) = 'telegram'", String.class))
                        .containsExactly("telegram");
                    assertThat(jdbc.queryForObject(TABLES_IN, Integer.class, "telegram")).isEqualTo(5);
                }
            }
        }
    }

    @Test
    void aUserThatMayNotCreateTablesIsToldWhatToGrant(CapturedOutput output) {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("rights")) {
            // PostgreSQL 15 and later let no one but the owner create in 'public'; older ones let everybody.
            database.administer("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            String reader = database.newRole("dml");
            assertThatException().isThrownBy(() -> Apps.start(start(database, reader)));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("permission denied for schema public")
            .contains("Grant the database user what mtgo-storage needs")
            .contains("mtgo.storage.jdbc.initialize-schema=never")
            .doesNotContain("running and reachable");
    }

    private static String[] start(FreshPostgresDatabase database, String role, String... more) {
        return FlywayApplicationTests.concat(new String[] { "spring.datasource.url=" + database.url(), "spring.datasource.username=" + role,
                "spring.datasource.password=", "spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=none",
                "mtgo.storage.session-name=rights-bot" }, more);
    }

}
