package io.mtgo.storage.autoconfigure.lease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.autoconfigure.JdbcStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.health.MtgoStorageHealthAutoConfiguration;
import io.mtgo.storage.jdbc.MigratedDatabaseStorages;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session lease in a Spring Boot application on PostgreSQL: off by default; when enabled, held
 * before the storage is handed out, released on close after the beans that use the storage, lost
 * with an event and a DOWN health, and a start-up that cannot get it fails with a message naming
 * the holder.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionLeaseAutoConfigurationTests {

    private static HikariDataSource observerPool;

    private static SessionLeases observer;

    private final String session = "lease-app-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void openObserver() {
        TestServices.Jdbc db = TestServices.postgres();
        observerPool = new HikariDataSource();
        observerPool.setJdbcUrl(db.url());
        observerPool.setUsername(db.username());
        observerPool.setPassword(db.password());
        observerPool.setMaximumPoolSize(4);
        observer = Storages.adapt(observerPool, "observer").leases();
    }

    @AfterAll
    static void closeObserver() {
        observerPool.close();
    }

    /**
     * The application's own {@link Storage} bean on PostgreSQL (the lease applies to whichever
     * Storage bean the context has; a bean of the application's avoids booting JPA per test).
     */
    private ApplicationContextRunner app() {
        return appWithoutStorage().withUserConfiguration(StorageOnPostgres.class);
    }

    private ApplicationContextRunner appWithoutStorage() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class,
                    MtgoStorageHealthAutoConfiguration.class))
            .withPropertyValues("mtgo.storage.session-name=" + this.session);
    }

    @Test
    void leaseIsOffByDefault() {
        app().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Storage.class).doesNotHaveBean(SessionLeaseKeeper.class);
            assertThat(observer.current(this.session)).isEmpty();
        });
    }

    @Test
    void enabledLeaseIsHeldBeforeTheStorageIsHandedOutAndReportedUp() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a")
            .withUserConfiguration(LeaseRecordingClient.class)
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(LeaseRecordingClient.class).leaseAtInjection).map(SessionLease::owner).contains("instance-a");
                SessionLease held = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
                assertThat(observer.current(this.session)).contains(held);
                assertThat(context.getBean("mtgoSessionLeaseHealthIndicator", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            });
    }

    @Test
    void defaultOwnerIsHostNameAndProcessId() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true").run(context -> {
            String owner = context.getBean(SessionLeaseKeeper.class).owner();
            assertThat(owner).endsWith(":" + ProcessHandle.current().pid()).doesNotStartWith(":");
            assertThat(observer.current(this.session)).map(SessionLease::owner).contains(owner);
        });
    }

    /**
     * A test suite keeps its cached contexts open together: a second context of the same session
     * took the first one's lease under the same default owner name, and the first lost it.
     */
    @Test
    void aSecondContextOfThisJvmFailsAtOnceNamingTheContextThatHoldsTheLeaseAndTakesNothing() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true").run(first -> {
            SessionLeaseKeeper holder = first.getBean(SessionLeaseKeeper.class);
            SessionLease held = holder.lease().orElseThrow();
            long start = System.nanoTime();
            app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.wait=30s").run(second -> {
                assertThat(second).hasFailed();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for a lease this JVM keeps").isLessThan(Duration.ofSeconds(20));
                FailureAnalysis analysis = new SessionLeaseUnavailableFailureAnalyzer().analyze(second.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("held by '" + held.owner() + "' (fencing token " + held.token() + ")",
                        "another application context running in this JVM");
                assertThat(analysis.getAction()).contains("mtgo.storage.lease.enabled=false");
            });
            assertThat(observer.current(this.session)).contains(held);
            assertThat(holder.isLost()).isFalse();
            assertThat(holder.lease()).contains(held);
        });
    }

    @Test
    void contextsOfThisJvmHoldingLeasesOfDifferentSessionsGetDifferentDefaultOwners() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true").run(first -> {
            String firstOwner = first.getBean(SessionLeaseKeeper.class).owner();
            String otherSession = this.session + "-2";
            app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.session-name=" + otherSession).run(second -> {
                String secondOwner = second.getBean(SessionLeaseKeeper.class).owner();
                assertThat(secondOwner).startsWith(firstOwner + "/");
                assertThat(observer.current(otherSession)).map(SessionLease::owner).contains(secondOwner);
            });
            assertThat(first.getBean(SessionLeaseKeeper.class).lease()).isPresent();
        });
        app().withPropertyValues("mtgo.storage.lease.enabled=true").run(again -> assertThat(again.getBean(SessionLeaseKeeper.class).owner())
            .as("the plain name is free again once its context closed").endsWith(":" + ProcessHandle.current().pid()));
    }

    @Test
    void closingTheContextReleasesTheLeaseAfterTheBeansThatUseTheStorage() {
        LeaseRecordingClient[] client = new LeaseRecordingClient[1];
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=60s")
            .withUserConfiguration(LeaseRecordingClient.class)
            .run(context -> client[0] = context.getBean(LeaseRecordingClient.class));
        assertThat(client[0].leaseAtDestroy).as("lease while the client shuts down").map(SessionLease::owner).contains("instance-a");
        assertThat(observer.current(this.session)).as("lease after close").isEmpty();
        assertThat(observer.tryAcquire(this.session, "instance-b", Duration.ofSeconds(5))).as("next instance, at once").isPresent();
    }

    @Test
    void withLazyInitializationClosingTheContextReleasesTheLeaseBeforeTheStoragesPoolCloses() {
        // Lazily, the keeper (a lifecycle bean, made at start) comes before the pool (made when the
        // storage is first used), and beans are destroyed in the reverse order of their making.
        appWithoutStorage().withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
            .withUserConfiguration(StorageOnItsOwnPool.class)
            .withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=60s")
            .run(context -> assertThat(context.getBean(Storage.class).loadPeer(1)).isEmpty());
        assertThat(observer.current(this.session)).as("lease after close").isEmpty();
    }

    @Test
    void withLazyInitializationClosingTheContextReleasesTheLeaseBeforeSpringBootsDataSourceCloses() {
        // The auto-configured storage looks its DataSource up (by name or as the primary one)
        // rather than having it injected: the dependency must be recorded all the same.
        TestServices.Jdbc db = TestServices.postgres();
        appWithoutStorage().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcStorageAutoConfiguration.class))
            .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
            .withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.username(),
                    "spring.datasource.password=" + db.password(), "mtgo.storage.lease.enabled=true",
                    "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=60s")
            .run(context -> assertThat(context.getBean(Storage.class).loadPeer(1)).isEmpty());
        assertThat(observer.current(this.session)).as("lease after close").isEmpty();
    }

    @Test
    void startUpFailsWithAMessageNamingTheOwnerWhenAnotherInstanceKeepsTheLease() {
        SessionLease other = observer.tryAcquire(this.session, "pod-old-7c9f:1", Duration.ofSeconds(30)).orElseThrow();
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=pod-new-a1b2:1",
                "mtgo.storage.lease.wait=300ms")
            .run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new SessionLeaseUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("'" + this.session + "'", "held by 'pod-old-7c9f:1'",
                        "fencing token " + other.token(), "'pod-new-a1b2:1'", "PT0.3S");
                assertThat(analysis.getAction()).contains("mtgo.storage.lease.wait");
            });
        assertThat(observer.current(this.session)).contains(other);
    }

    @Test
    void startUpWaitsForALeaseTheOtherInstanceReleases(CapturedOutput output) throws Exception {
        SessionLease other = observer.tryAcquire(this.session, "pod-old", Duration.ofSeconds(30)).orElseThrow();
        Thread releaser = new Thread(() -> {
            sleep(500);
            observer.release(other);
        });
        releaser.start();
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=pod-new", "mtgo.storage.lease.wait=10s")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(SessionLeaseKeeper.class).lease()).map(SessionLease::token).hasValueSatisfying(
                        token -> assertThat(token).isGreaterThan(other.token()));
            });
        releaser.join();
        assertThat(output).contains("Waiting up to PT10S (mtgo.storage.lease.wait) for the lease of session '" + this.session
                + "', held by 'pod-old' (token " + other.token() + ") until ");
    }

    @Test
    void aLostLeasePublishesAnEventAndTurnsTheHealthDown() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=600ms")
            .withUserConfiguration(LostEvents.class)
            .run(context -> {
                SessionLease held = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
                // A second process with the same owner name takes over: the token moves on, so the
                // first one's next renewal fails.
                SessionLease taken = observer.tryAcquire(this.session, "instance-a", Duration.ofSeconds(30)).orElseThrow();
                List<SessionLeaseLostEvent> events = context.getBean(LostEvents.class).events;
                await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
                assertThat(events).singleElement().satisfies(event -> {
                    assertThat(event.getLease().token()).isEqualTo(held.token());
                    assertThat(event.getCurrentHolder()).contains(taken);
                });
                assertThat(context.getBean(SessionLeaseKeeper.class).lease()).isEmpty();
                assertThat(context.getBean("mtgoSessionLeaseHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.DOWN);
            });
        assertThat(observer.current(this.session)).as("a lost lease is not released on close").isPresent();
    }

    /**
     * The lease gone from the store before its TTL ran out (what a Redis eviction or a store
     * restart without persistence does): the reason says the store dropped it, not that it expired.
     */
    @Test
    void aLeaseTheStoreDroppedBeforeItsTtlRanOutIsReportedAsDropped() {
        app().withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=6s")
            .withUserConfiguration(LostEvents.class)
            .run(context -> {
                SessionLease held = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
                observer.release(held); // taken from the store behind the holder's back
                List<SessionLeaseLostEvent> events = context.getBean(LostEvents.class).events;
                await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
                assertThat(events).singleElement().satisfies(event -> {
                    assertThat(event.getReason()).startsWith("the store no longer had it although its TTL had not run out")
                        .contains("maxmemory-policy");
                    assertThat(event.getCurrentHolder()).isEmpty();
                });
            });
    }

    @Test
    void aLeaseThatCannotBeRenewedForAWholeTtlIsLost() {
        TestServices.Jdbc db = TestServices.postgres();
        HikariDataSource ownPool = new HikariDataSource();
        ownPool.setJdbcUrl(db.url());
        ownPool.setUsername(db.username());
        ownPool.setPassword(db.password());
        ownPool.setMaximumPoolSize(1);
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class,
                    MtgoStorageHealthAutoConfiguration.class))
            .withBean(Storage.class, () -> MigratedDatabaseStorages.onMigratedDatabase(ownPool, this.session))
            .withUserConfiguration(LostEvents.class)
            .withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=600ms")
            .run(context -> {
                assertThat(context.getBean(SessionLeaseKeeper.class).lease()).isPresent();
                ownPool.close(); // the store becomes unreachable for this instance
                List<SessionLeaseLostEvent> events = context.getBean(LostEvents.class).events;
                await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
                assertThat(events).singleElement().satisfies(event -> assertThat(event.getReason()).contains("within its TTL"));
                assertThat(context.getBean("mtgoSessionLeaseHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.DOWN);
            });
        assertThat(observer.tryAcquire(this.session, "instance-b", Duration.ofSeconds(5))).as("free after its TTL").isPresent();
    }

    /**
     * A store that refuses the renewals due at two renewal points in a row (the lease row locked by
     * another transaction; PostgreSQL's lock timeout fails each attempt) but answers again well
     * within the TTL: the lease is renewed then, not lost at the next regular renewal, which would
     * come after it expired.
     */
    @Test
    void aStoreBackWithinTheTtlKeepsTheLease() throws Exception {
        TestServices.Jdbc db = TestServices.postgres();
        HikariDataSource ownPool = new HikariDataSource();
        ownPool.setJdbcUrl(db.url() + (db.url().contains("?") ? "&" : "?") + "options=-c%20lock_timeout=100");
        ownPool.setUsername(db.username());
        ownPool.setPassword(db.password());
        ownPool.setMaximumPoolSize(2);
        try (ownPool) {
            new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class))
                .withBean(Storage.class, () -> MigratedDatabaseStorages.onMigratedDatabase(ownPool, this.session))
                .withUserConfiguration(LostEvents.class)
                .withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a",
                        "mtgo.storage.lease.ttl=3s")
                .run(context -> {
                    SessionLease held = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
                    try (java.sql.Connection locker = observerPool.getConnection()) {
                        locker.setAutoCommit(false);
                        try (java.sql.PreparedStatement lock = locker.prepareStatement(
                                "SELECT token FROM mtgo_session_leases WHERE session_name = ? FOR UPDATE")) {
                            lock.setString(1, this.session);
                            lock.executeQuery().close();
                        }
                        // Renewals are due every second; those after 1 and 2 s fail. The next regular one,
                        // after 3 s, would find the lease expired: the store is back at 2.3 s.
                        sleep(2_300);
                        locker.commit();
                    }
                    sleep(1_500);
                    assertThat(context.getBean(LostEvents.class).events).isEmpty();
                    assertThat(context.getBean(SessionLeaseKeeper.class).lease()).map(SessionLease::token).contains(held.token());
                    assertThat(observer.current(this.session)).map(SessionLease::owner).contains("instance-a");
                });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StorageOnPostgres {

        @Bean
        Storage storage(org.springframework.core.env.Environment environment) {
            return MigratedDatabaseStorages.onMigratedDatabase(observerPool, environment.getProperty("mtgo.storage.session-name"));
        }

    }

    /** A storage on a pool of its own, closed by the context, as Spring Boot's DataSource is. */
    @Configuration(proxyBeanMethods = false)
    static class StorageOnItsOwnPool {

        @Bean
        HikariDataSource storagePool() {
            TestServices.Jdbc db = TestServices.postgres();
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(db.url());
            pool.setUsername(db.username());
            pool.setPassword(db.password());
            pool.setMaximumPoolSize(2);
            return pool;
        }

        @Bean
        Storage storage(HikariDataSource storagePool, org.springframework.core.env.Environment environment) {
            return MigratedDatabaseStorages.onMigratedDatabase(storagePool, environment.getProperty("mtgo.storage.session-name"));
        }

    }

    /** Stands for the application's Telegram client: uses the storage until it is destroyed. */
    @Configuration(proxyBeanMethods = false)
    static class LeaseRecordingClient implements DisposableBean {

        private final Storage storage;

        final Optional<SessionLease> leaseAtInjection;

        volatile Optional<SessionLease> leaseAtDestroy = Optional.empty();

        LeaseRecordingClient(Storage storage) {
            this.storage = storage;
            this.leaseAtInjection = observer.current(storage.sessionName());
        }

        @Override
        public void destroy() {
            this.leaseAtDestroy = observer.current(this.storage.sessionName());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LostEvents {

        final List<SessionLeaseLostEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        ApplicationListener<SessionLeaseLostEvent> recordLostLeases() {
            return this.events::add;
        }

    }

}
