package io.mtgo.storage.apps;

import javax.sql.DataSource;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose entities live in their own schema ({@code hibernate.default_schema}) and
 * are validated at start-up: the library's tables are not the persistence unit's business, and
 * {@code mtgo.storage.jdbc.schema} puts them in a schema of their own.
 */
class DefaultSchemaApplicationTests {

    private static final String TABLES_IN = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name IN ('mtgo_sessions', 'mtgo_peers', 'mtgo_kv', 'mtgo_conversations')";

    @Test
    void validateOfTheApplicationsOwnSchemaPassesBesideTheLibrary() {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("schema");
                ConfigurableApplicationContext app = Apps.start(FlywayApplicationTests.concat(database.properties(),
                        "spring.jpa.properties.hibernate.default_schema=app", "spring.flyway.schemas=app",
                        "spring.jpa.hibernate.ddl-auto=validate", "mtgo.storage.session-name=schema-bot"))) {
            app.getBean(NoteRepository.class).save(new Note(1, "in app"));
            app.getBean(Storage.class).saveSession(Session.builder("schema-bot").build());
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app.app_notes", Integer.class)).isOne();
        }
    }

    @Test
    void theLibrarysTablesGoToTheSchemaItIsGiven() {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("schema");
                ConfigurableApplicationContext app = Apps.start(FlywayApplicationTests.concat(database.properties(),
                        "spring.jpa.properties.hibernate.default_schema=app", "spring.flyway.schemas=app",
                        "spring.jpa.hibernate.ddl-auto=validate", "mtgo.storage.jdbc.schema=telegram",
                        "mtgo.storage.session-name=schema-bot"))) {
            Storage storage = app.getBean(Storage.class);
            storage.saveSession(Session.builder("schema-bot").dcId(3).build());
            assertThat(storage.loadSession("schema-bot")).map(Session::dcId).contains(3);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            assertThat(jdbc.queryForObject(TABLES_IN, Integer.class, "telegram")).isEqualTo(4);
            assertThat(jdbc.queryForObject(TABLES_IN, Integer.class, "public")).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM telegram.mtgo_sessions", Integer.class)).isOne();
        }
    }

}
