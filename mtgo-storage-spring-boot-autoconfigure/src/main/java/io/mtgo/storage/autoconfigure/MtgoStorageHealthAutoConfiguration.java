package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.Storage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the storage's health indicator
 * ({@code mtgoStorage}), when Spring Boot's health support is present. Disable it with
 * {@code management.health.mtgo-storage.enabled=false}.
 */
@AutoConfiguration(after = MtgoStorageAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Storage.class)
@ConditionalOnEnabledHealthIndicator("mtgo-storage")
public final class MtgoStorageHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mtgoStorageHealthIndicator")
    HealthIndicator mtgoStorageHealthIndicator(Storage storage) {
        return new StorageHealthIndicator(storage);
    }

}
