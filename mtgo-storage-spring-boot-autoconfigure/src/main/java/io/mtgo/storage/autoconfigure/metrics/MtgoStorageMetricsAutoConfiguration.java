package io.mtgo.storage.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtgo.storage.autoconfigure.JdbcStorageAutoConfiguration;
import io.mtgo.storage.spi.StorageObserver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mtgo-storage's Micrometer metrics
 * ({@code mtgo.storage.operations}, a timer per operation and outcome), when the application has a
 * {@link MeterRegistry}. The storage auto-configurations hand the {@link StorageObserver} to the
 * store they build, so this runs before the first of them. An application's own
 * {@link StorageObserver} bean replaces it.
 */
@AutoConfiguration(before = JdbcStorageAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class MtgoStorageMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(StorageObserver.class)
    StorageObserver mtgoStorageMetricsObserver(MeterRegistry meterRegistry) {
        return new MicrometerStorageObserver(meterRegistry);
    }

}
