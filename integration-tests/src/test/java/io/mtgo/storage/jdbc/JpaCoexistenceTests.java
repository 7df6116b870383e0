package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.app.Note;
import io.mtgo.storage.jdbc.app.NoteRepository;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own JPA entity, Spring Data repository, {@code @EntityScan} and
 * Liquibase changelog, plus the starter: both changelogs apply, both sets of entities and the
 * repository work, and {@code ddl-auto=validate} passes, on every supported database.
 */
class JpaCoexistenceTests {

    @TempDir
    static Path directory;

    static Stream<Arguments> databases() {
        TestServices.Jdbc postgres = TestServices.postgres();
        TestServices.Jdbc mariadb = TestServices.mariadb();
        return Stream.of(
                Arguments.argumentSet("H2", List.of("spring.datasource.url=jdbc:h2:file:" + directory.resolve("coexist-h2"))),
                Arguments.argumentSet("SQLite", List.of("spring.datasource.url=jdbc:sqlite:" + directory.resolve("coexist.sqlite")
                        + "?journal_mode=WAL&busy_timeout=10000", "spring.datasource.hikari.maximum-pool-size=1")),
                Arguments.argumentSet("PostgreSQL", JdbcTestDataSources.springProperties(postgres, postgres.url())),
                Arguments.argumentSet("MariaDB", JdbcTestDataSources.springProperties(mariadb, mariadb.url())));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void applicationWithItsOwnEntityScanKeepsWorkingNextToTheLibrary(List<String> database) {
        runApp(EntityScanApp.class, database);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void applicationScanningItsAutoConfigurationPackageKeepsWorkingNextToTheLibrary(List<String> database) {
        runApp(PackageScanApp.class, database);
    }

    private void runApp(Class<?> app, List<String> database) {
        new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.ALL)
            .withUserConfiguration(app)
            .withPropertyValues(database.toArray(String[]::new))
            .withPropertyValues("spring.liquibase.change-log=classpath:coexistence/app-changelog.yaml",
                    "spring.jpa.hibernate.ddl-auto=validate", "mtgo.storage.session-name=coexistence-" + app.getSimpleName())
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasBean("liquibase").hasSingleBean(JdbcSchemaInitializer.class);
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_notes WHERE id < 0", Integer.class)).isZero();
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mtgo_peers WHERE peer_id = 0", Integer.class)).isZero();

                NoteRepository notes = context.getBean(NoteRepository.class);
                notes.save(new Note(System.nanoTime(), "coexists"));
                assertThat(notes.findByText("coexists")).isNotEmpty();

                Storage storage = context.getBean(Storage.class);
                assertThat(((AbstractStorage) storage).backendName()).isEqualTo("jdbc");
                storage.savePeer(Peer.builder(42, PeerType.USER).accessHash(7).username("alice_coexists").build());
                assertThat(storage.loadPeerByUsername("@Alice_Coexists")).map(Peer::accessHash).contains(7L);
                storage.deleteSession(storage.sessionName());
                notes.deleteAll(notes.findByText("coexists"));
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    @EnableJpaRepositories(basePackageClasses = NoteRepository.class)
    static class EntityScanApp {

    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Note.class)
    @EnableJpaRepositories(basePackageClasses = NoteRepository.class)
    static class PackageScanApp {

    }

}
