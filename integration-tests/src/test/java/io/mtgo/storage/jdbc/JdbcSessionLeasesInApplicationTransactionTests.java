package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.jdbc.app.Note;
import io.mtgo.storage.jdbc.app.NoteRepository;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lease changes hands on its own schedule: called inside the application's transaction, under
 * JPA's transaction manager or a plain JDBC one, a lease call neither commits the application's
 * pending work nor is undone by its rollback, and sees the lease table as it is. (Under JPA a
 * {@code REQUIRES_NEW} of the lease's own {@code DataSourceTransactionManager} did not see JPA's
 * transaction, ran on its connection and committed the application's rows.) SQLite is left out:
 * its one writer at a time makes a lease write wait for the application's open write.
 */
class JdbcSessionLeasesInApplicationTransactionTests {

    private static final Duration TTL = Duration.ofMinutes(1);

    private static final String OWN = "mtgo_lease_tx";

    @TempDir
    static Path directory;

    /**
     * The application's table is made and dropped by Hibernate ({@code create-drop}), in a schema or
     * database of this test's own: other tests apply the same table by their own changelog.
     */
    static Stream<Arguments> databases() {
        TestServices.Jdbc postgres = TestServices.postgres();
        TestServices.Jdbc mariadb = TestServices.mariadb();
        try (HikariDataSource admin = JdbcTestDataSources.pool(postgres.url(), postgres.username(), postgres.password(), 1)) {
            new JdbcTemplate(admin).execute("CREATE SCHEMA IF NOT EXISTS " + OWN);
        }
        try (HikariDataSource admin = JdbcTestDataSources.pool(mariadb.url(), mariadb.username(), mariadb.password(), 1)) {
            new JdbcTemplate(admin).execute("CREATE DATABASE IF NOT EXISTS " + OWN);
        }
        String postgresUrl = postgres.url() + (postgres.url().contains("?") ? "&" : "?") + "currentSchema=" + OWN;
        return Stream.of(
                Arguments.argumentSet("H2", List.of("spring.datasource.url=jdbc:h2:file:" + directory.resolve("lease-tx-h2"))),
                Arguments.argumentSet("PostgreSQL", JdbcTestDataSources.springProperties(postgres, postgresUrl)),
                Arguments.argumentSet("MariaDB", JdbcTestDataSources.springProperties(mariadb,
                        JdbcTestDataSources.otherDatabase(mariadb, OWN))));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void leaseCallsInsideAJpaTransactionLeaveItsWorkAndRollbackAlone(List<String> database) {
        run(database, context -> {
            NoteRepository notes = context.getBean(NoteRepository.class);
            PlatformTransactionManager jpa = context.getBean(PlatformTransactionManager.class);
            assertThat(jpa).isInstanceOf(JpaTransactionManager.class);
            long noteId = System.nanoTime();
            leaseCallsInsideARolledBackTransaction(context, jpa, () -> notes.saveAndFlush(new Note(noteId, "lease-tx")));
            assertThat(notes.findById(noteId)).as("the application's rolled-back row").isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void leaseCallsInsideAJdbcTransactionLeaveItsWorkAndRollbackAlone(List<String> database) {
        run(database, context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long noteId = System.nanoTime();
            leaseCallsInsideARolledBackTransaction(context, new DataSourceTransactionManager(dataSource),
                    () -> jdbc.update("INSERT INTO app_notes (id, text) VALUES (?, 'lease-tx')", noteId));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_notes WHERE id = ?", Integer.class, noteId))
                .as("the application's rolled-back row").isZero();
        });
    }

    /**
     * In one transaction that rolls back: the application's write, then a first lease of a new
     * session, its renewal, and the release of a lease taken before the transaction.
     */
    private static void leaseCallsInsideARolledBackTransaction(ApplicationContext context, PlatformTransactionManager transactions,
            Runnable applicationWrite) {
        JdbcSessionLeases leases = new JdbcSessionLeases(context.getBean(DataSource.class));
        String fresh = "lease-tx-" + UUID.randomUUID();
        String released = "lease-tx-" + UUID.randomUUID();
        SessionLease before = leases.tryAcquire(released, "owner-a", TTL).orElseThrow();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            applicationWrite.run();
            Optional<SessionLease> acquired = leases.tryAcquire(fresh, "owner-a", TTL);
            assertThat(acquired).as("a session never leased is free").isPresent();
            assertThat(leases.renew(acquired.get(), TTL)).isPresent();
            assertThat(leases.release(before)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(leases.current(fresh)).map(SessionLease::owner).as("the lease taken in the transaction").contains("owner-a");
        assertThat(leases.tryAcquire(fresh, "owner-b", TTL)).isEmpty();
        assertThat(leases.current(released)).as("the lease released in the transaction").isEmpty();
        assertThat(leases.tryAcquire(released, "owner-b", TTL)).isPresent();
    }

    private static void run(List<String> database, java.util.function.Consumer<ApplicationContext> test) {
        JdbcAutoConfigurations.jpaApp()
            .withUserConfiguration(Repositories.class)
            .withPropertyValues(database.toArray(String[]::new))
            .withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop", "mtgo.storage.session-name=lease-tx")
            .run(context -> {
                assertThat(context).hasNotFailed();
                test.accept(context);
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJpaRepositories(basePackageClasses = NoteRepository.class)
    static class Repositories {

    }

}
