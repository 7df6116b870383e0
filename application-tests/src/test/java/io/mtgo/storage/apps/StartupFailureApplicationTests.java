package io.mtgo.storage.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up failures end in Spring Boot's "APPLICATION FAILED TO START" report with a description
 * that names the database or property and the cause, and an action, instead of a raw stack trace,
 * a Java parameter name or {@code bad SQL grammar []}.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureApplicationTests {

    @TempDir
    Path directory;

    @Test
    void aUserTheDatabaseDoesNotKnowNamesTheCredentialProperties(CapturedOutput output) {
        String url;
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("failure")) {
            url = database.url();
            assertThatException().isThrownBy(() -> Apps.start("spring.datasource.url=" + database.url(),
                    "spring.datasource.username=mtgo_no_such_user", "spring.datasource.password=wrong-secret-123",
                    "spring.flyway.enabled=false", "spring.datasource.hikari.initialization-fail-timeout=-1",
                    "spring.datasource.hikari.connection-timeout=1000"));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo-storage could not apply its schema")
            .contains("mtgo_no_such_user").contains("DataSource " + url)
            .contains("Check spring.datasource.username and spring.datasource.password")
            .doesNotContain("wrong-secret-123");
    }

    @Test
    void anH2FileAnotherProcessHoldsSaysSo(CapturedOutput output) throws Exception {
        Path file = this.directory.resolve("held");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), H2FileHolder.class.getName(), file.toString())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).as("the other process opened the file").isEqualTo("holding");
            assertThatException().isThrownBy(() -> Apps.start("mtgo.storage.jdbc.h2.path=" + file, "spring.flyway.enabled=false",
                    "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                            + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"));
        }
        finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("jdbc:h2:retry:" + file)
            .contains("Another process has this H2 file open")
            .contains("mtgo.storage.jdbc.h2.path");
    }

    @Test
    void missingTablesUnderInitializeSchemaNeverSayWhatToDo(CapturedOutput output) {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("failure")) {
            assertThatException().isThrownBy(() -> Apps.start(FlywayApplicationTests.concat(database.properties(),
                    "mtgo.storage.jdbc.initialize-schema=never")));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo-storage's tables (mtgo_sessions, mtgo_peers, mtgo_kv, mtgo_conversations) are missing")
            .contains("mtgo.storage.jdbc.initialize-schema=always")
            .doesNotContain("bad SQL grammar []");
    }

    /** A schema made by hand (docs/jdbc.md's partitioned tables) may leave the leases' table out, until leases are on. */
    @Test
    void leasesWithoutTheirTableSayWhichTableIsMissing(CapturedOutput output) {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("failure")) {
            Apps.start(FlywayApplicationTests.concat(database.properties(), "spring.flyway.enabled=false")).close();
            database.administer("DROP TABLE mtgo_session_leases");
            Apps.start(FlywayApplicationTests.concat(database.properties(), "spring.flyway.enabled=false",
                    "mtgo.storage.jdbc.initialize-schema=never")).close();
            assertThatException().isThrownBy(() -> Apps.start(FlywayApplicationTests.concat(database.properties(),
                    "spring.flyway.enabled=false", "mtgo.storage.jdbc.initialize-schema=never", "mtgo.storage.lease.enabled=true")));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo_conversations, mtgo_session_leases) are missing")
            .contains("mtgo.storage.jdbc.initialize-schema=always");
    }

    /** The schema is applied before the storage is built: a property the storage refuses must fail before that. */
    @Test
    void aRefusedPropertyLeavesNoTablesInTheDatabase(CapturedOutput output) {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("failure")) {
            assertThatException().isThrownBy(() -> Apps.start(FlywayApplicationTests.concat(database.properties(),
                    "spring.flyway.enabled=false", "mtgo.storage.lease.enabled=true", "mtgo.storage.lease.ttl=100ms")));
            assertThat(database.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .as("tables the failed start left").isZero();
        }
        assertThat(output).contains("APPLICATION FAILED TO START").contains("mtgo.storage.lease.ttl must be at least 500ms");
    }

    @Test
    void anH2PathWhoseDirectoryIsAFileNamesThePropertyWithoutH2sTrace(CapturedOutput output) throws Exception {
        Path file = java.nio.file.Files.writeString(this.directory.resolve("a-file"), "not a directory");
        assertThatException().isThrownBy(() -> Apps.start(h2FileOnly("mtgo.storage.jdbc.h2.path=" + file.resolve("bot"))));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.jdbc.h2.path is '" + file.resolve("bot") + "', whose directory cannot be created or written ("
                    + file + " is a file, not a directory)")
            .contains("Set mtgo.storage.jdbc.h2.path to a file in a directory this process can create and write")
            .doesNotContain("org.h2.message.DbException");
    }

    @Test
    void aChangeLogThatDoesNotExistNamesThePropertyBeforeTheFileIsMade(CapturedOutput output) {
        Path file = this.directory.resolve("data").resolve("no-changelog");
        assertThatException().isThrownBy(() -> Apps.start(h2FileOnly("mtgo.storage.jdbc.h2.path=" + file,
                "mtgo.storage.jdbc.change-log=classpath:/nope.yaml")));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.jdbc.change-log is 'classpath:/nope.yaml', which does not exist.")
            .contains("Remove mtgo.storage.jdbc.change-log to use the library's changelog");
        assertThat(file.getParent()).as("the H2 file's directory").doesNotExist();
    }

    @Test
    void aTableTheChangelogDoesNotRecordSaysHowToReconcileThem(CapturedOutput output) {
        try (FreshPostgresDatabase database = new FreshPostgresDatabase("failure")) {
            Apps.start(FlywayApplicationTests.concat(database.properties(), "spring.flyway.enabled=false")).close();
            database.administer("DELETE FROM databasechangelog WHERE id = 'mtgo-storage-2-leases'");
            assertThatException().isThrownBy(() -> Apps.start(FlywayApplicationTests.concat(database.properties(),
                    "spring.flyway.enabled=false")));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("relation \"mtgo_session_leases\" already exists")
            .contains("Liquibase's DATABASECHANGELOG does not record its changeset")
            .doesNotContain("running and reachable");
    }

    /** The starter's own H2 file, with the application's DataSource and JPA switched off. */
    private static String[] h2FileOnly(String... properties) {
        return FlywayApplicationTests.concat(properties, "spring.flyway.enabled=false",
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                        + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
    }

    @Test
    void aBlankSessionNameNamesTheProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> Apps.start("mtgo.storage.session-name= ",
                "spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("blank") + ";WRITE_DELAY=0"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.session-name must not be blank")
            .contains("Set mtgo.storage.session-name");
    }

    @Test
    void anInvalidEncryptionKeyNamesThePropertyAndNotTheKey(CapturedOutput output) {
        assertThatException().isThrownBy(() -> Apps.start("mtgo.storage.encryption.key=c2hvcnQta2V5",
                "spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("key") + ";WRITE_DELAY=0"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.encryption.key[0] must be a base64-encoded 256-bit (32-byte) key but decodes to 9")
            .contains("openssl rand -base64 32")
            .doesNotContain("c2hvcnQta2V5");
    }

    @Test
    void aDataSourcePropertyNamingNoBeanNamesTheProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> Apps.start("mtgo.storage.jdbc.data-source=notesDatasource",
                "spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("named") + ";WRITE_DELAY=0"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.jdbc.data-source names 'notesDatasource', which is no DataSource bean")
            .contains("DataSource beans: dataSource.")
            .contains("Set mtgo.storage.jdbc.data-source to the name of a DataSource bean")
            .doesNotContain("Consider defining a bean named");
    }

}
