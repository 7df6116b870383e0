package io.mtgo.storage.autoconfigure.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.spi.StorageObserver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage health indicator.
 */
class MtgoStorageHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(MtgoStorageAutoConfiguration.class, MtgoStorageHealthAutoConfiguration.class));

    @Test
    void reportsUpWithTheBackendAndNoSecrets() {
        this.runner.withPropertyValues("mtgo.storage.session-name=health-bot").run(context -> {
            Storage storage = context.getBean(Storage.class);
            storage.saveSession(Session.builder("health-bot").authKey(new byte[256]).apiHash("secret-api-hash").build());
            Health health = context.getBean("mtgoStorageHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "memory")
                .containsEntry("session", "health-bot")
                .containsEntry("sessionStored", true);
            assertThat(health.toString()).doesNotContain("secret-api-hash");
        });
    }

    @Test
    void probesAreTimedAsHealthChecksNotAsTheApplicationsLoadSessionCalls() {
        List<String> operations = new CopyOnWriteArrayList<>();
        this.runner.withBean(StorageObserver.class, () -> (backend, operation, nanos, failure) -> operations.add(operation))
            .run(context -> {
                HealthIndicator indicator = context.getBean("mtgoStorageHealthIndicator", HealthIndicator.class);
                assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
                assertThat(indicator.health(false).getStatus()).isEqualTo(Status.UP);
                assertThat(operations).containsExactly("healthCheck", "healthCheck");
            });
    }

    @Test
    void reportsDownWhenTheStorageFails() {
        this.runner.run(context -> {
            context.getBean(Storage.class).close();
            Health health = context.getBean("mtgoStorageHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void canBeDisabled() {
        this.runner.withPropertyValues("management.health.mtgo-storage.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean("mtgoStorageHealthIndicator"));
    }

    @Test
    void backsOffWithoutBootHealthSupport() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean("mtgoStorageHealthIndicator");
            });
    }

}
