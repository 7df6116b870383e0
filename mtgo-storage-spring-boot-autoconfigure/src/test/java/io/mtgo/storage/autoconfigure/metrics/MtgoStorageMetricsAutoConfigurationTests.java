package io.mtgo.storage.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.spi.StorageObserver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Micrometer observer: made when the application has a {@link MeterRegistry}, handed to the
 * storage, replaced by the application's own observer, absent without Micrometer.
 */
class MtgoStorageMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(MtgoStorageMetricsAutoConfiguration.class, MtgoStorageAutoConfiguration.class));

    @Test
    void recordsOperationTimersWhenTheApplicationHasAMeterRegistry() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            Storage storage = context.getBean(Storage.class);
            storage.savePeer(Peer.builder(1, PeerType.USER).build());
            storage.loadPeer(1);
            storage.loadPeer(2);
            Timer loads = context.getBean(MeterRegistry.class)
                .get(MicrometerStorageObserver.METER_NAME)
                .tags("backend", "memory", "operation", "loadPeer", "outcome", "success", "exception", "none")
                .timer();
            assertThat(loads.count()).isEqualTo(2);
            assertThat(storage.forSession("other").getUserId()).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).get(MicrometerStorageObserver.METER_NAME)
                .tags("operation", "getUserId").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void tagsAFailureWithTheTypeOfWhatTheBackendThrew() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            StorageObserver observer = context.getBean(StorageObserver.class);
            observer.onOperation("jdbc", "loadPeer", 1_000, new StorageException("loadPeer failed", new QueryTimeoutException("timed out")));
            observer.onOperation("jdbc", "loadPeer", 1_000, new StorageException("loadPeer failed", new QueryTimeoutException("again")));
            observer.onOperation("jdbc", "loadPeer", 1_000, new StorageException("loadPeer failed"));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(MicrometerStorageObserver.METER_NAME)
                .tags("operation", "loadPeer", "outcome", "error", "exception", "QueryTimeoutException")
                .timer()
                .count()).isEqualTo(2);
            assertThat(registry.get(MicrometerStorageObserver.METER_NAME)
                .tags("operation", "loadPeer", "outcome", "error", "exception", "StorageException")
                .timer()
                .count()).isEqualTo(1);
        });
    }

    @Test
    void backsOffWithoutAMeterRegistryBean() {
        this.runner.run(context -> {
            assertThat(context).doesNotHaveBean(StorageObserver.class);
            context.getBean(Storage.class).setUserId(1);
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).doesNotHaveBean("mtgoStorageMetricsObserver");
            context.getBean(Storage.class).setUserId(1);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesAnObserver() {
        StorageObserver own = (backend, operation, nanos, failure) -> { };
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("ownObserver", StorageObserver.class, () -> own)
            .run(context -> {
                assertThat(context).doesNotHaveBean("mtgoStorageMetricsObserver");
                assertThat(context.getBean(StorageObserver.class)).isSameAs(own);
            });
    }

}
