package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up fast path: when the changelog table already records every changeset that applies to
 * the database, the schema is known to be current from one query and Liquibase does not run (its
 * own start-up was most of what the starter added to an application's start-up). Anything missing
 * and Liquibase runs as before.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcSchemaUpToDateTests {

    private static final String SCHEMA = "mtgo_uptodate";

    @TempDir
    static Path directory;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.argumentSet("H2", (Function<Path, HikariDataSource>) JdbcTestDataSources::h2),
                Arguments.argumentSet("SQLite", (Function<Path, HikariDataSource>) dir -> JdbcTestDataSources.sqlite(dir.resolve("u.sqlite"))),
                Arguments.argumentSet("PostgreSQL", (Function<Path, HikariDataSource>) dir -> JdbcTestDataSources.postgres()),
                Arguments.argumentSet("MariaDB", (Function<Path, HikariDataSource>) dir -> JdbcTestDataSources.mariadb()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void liquibaseRunsOnlyWhileAChangesetIsMissing(Function<Path, HikariDataSource> database, CapturedOutput output) throws Exception {
        Path own = java.nio.file.Files.createDirectories(directory.resolve(String.valueOf(System.nanoTime())));
        try (HikariDataSource dataSource = database.apply(own)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String schema = prepareSchema(jdbc);
            String prefix = (schema != null) ? schema + "." : "";
            if (schema != null) {
                // A changelog table elsewhere (the connection's own schema) must not make the check
                // read the missing one in this schema: MariaDB's driver would log that failure.
                JdbcSchema.apply(dataSource);
            }
            assertThat(JdbcSchema.isApplied(dataSource, JdbcSchema.CHANGELOG, schema)).as("before the first run").isFalse();
            assertThat(output.getAll()).doesNotContainIgnoringCase("DATABASECHANGELOG' doesn't exist");

            JdbcSchema.apply(dataSource, JdbcSchema.CHANGELOG, schema);
            assertThat(JdbcSchema.isApplied(dataSource, JdbcSchema.CHANGELOG, schema)).as("after the first run").isTrue();

            // Liquibase recreates its lock table whenever it runs: its absence shows it did not.
            jdbc.execute("DROP TABLE " + prefix + "DATABASECHANGELOGLOCK");
            JdbcSchema.apply(dataSource, JdbcSchema.CHANGELOG, schema);
            assertThat(lockTableExists(jdbc, prefix)).as("Liquibase ran although every changeset was recorded").isFalse();

            jdbc.update("DELETE FROM " + prefix + "DATABASECHANGELOG WHERE ID = 'mtgo-storage-1-kv'");
            jdbc.execute("DROP TABLE " + prefix + "mtgo_kv");
            assertThat(JdbcSchema.isApplied(dataSource, JdbcSchema.CHANGELOG, schema)).as("with a changeset missing").isFalse();
            JdbcSchema.apply(dataSource, JdbcSchema.CHANGELOG, schema);
            assertThat(lockTableExists(jdbc, prefix)).as("Liquibase ran for the missing changeset").isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "mtgo_kv", Integer.class)).isZero();
        }
    }

    /**
     * On a new database the check must not send a statement that fails: H2 writes such a failure to
     * a trace file beside the database (as MariaDB's driver logs a warning), on every first start.
     */
    @Test
    void checkingANewDatabaseSendsNoFailingStatement() throws Exception {
        Path own = java.nio.file.Files.createDirectories(directory.resolve("new-" + System.nanoTime()));
        try (HikariDataSource dataSource = JdbcTestDataSources.h2(own)) {
            assertThat(JdbcSchema.isApplied(dataSource, JdbcSchema.CHANGELOG, null)).isFalse();
        }
        assertThat(own.resolve("mtgo.mv.db")).exists();
        assertThat(own.resolve("mtgo.trace.db")).doesNotExist();
    }

    /**
     * Nor may the first run: it reads Liquibase's lock (to say who holds it) before Liquibase has
     * created the table, and a query of a missing table is a warning of MariaDB's driver on every
     * application's first start (and a line in PostgreSQL's server log).
     */
    @Test
    void applyingToANewDatabaseSendsNoFailingStatement(CapturedOutput output) {
        String database = SCHEMA + "_first";
        try (HikariDataSource server = JdbcTestDataSources.mariadb()) {
            JdbcTemplate jdbc = new JdbcTemplate(server);
            jdbc.execute("DROP DATABASE IF EXISTS " + database);
            jdbc.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            try (HikariDataSource dataSource = JdbcTestDataSources.pool(JdbcTestDataSources.otherDatabase(TestServices.mariadb(), database),
                    TestServices.mariadb().username(), TestServices.mariadb().password(), 2)) {
                JdbcSchema.apply(dataSource);
                assertThat(JdbcSchema.isApplied(dataSource, JdbcSchema.CHANGELOG, null)).isTrue();
            }
            finally {
                jdbc.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
        assertThat(output.getAll()).doesNotContainIgnoringCase("doesn't exist");
    }

    /** A schema of its own on the shared servers, so no other test's tables are touched; files are fresh anyway. */
    private static String prepareSchema(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection connection) -> connection.getMetaData().getDatabaseProductName()).toLowerCase();
        if (product.contains("postgres")) {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            return SCHEMA;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            jdbc.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            jdbc.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            return SCHEMA;
        }
        return null;
    }

    private static boolean lockTableExists(JdbcTemplate jdbc, String prefix) {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "DATABASECHANGELOGLOCK", Integer.class);
            return true;
        }
        catch (org.springframework.dao.DataAccessException ex) {
            return false;
        }
    }

}
