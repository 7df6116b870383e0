package io.mtgo.storage.autoconfigure.health;

import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseKeeper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mtgo-storage's health indicators, when
 * Spring Boot's health support is present: {@code mtgoStorage} (the storage answers) and, with
 * {@code mtgo.storage.lease.enabled=true}, {@code mtgoSessionLease} (this instance still holds its
 * session's lease). Each can be turned off like Boot's own, with
 * {@code management.health.mtgo-storage.enabled=false} and
 * {@code management.health.mtgo-session-lease.enabled=false}.
 */
@AutoConfiguration(after = { MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class MtgoStorageHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Storage.class)
    @ConditionalOnEnabledHealthIndicator("mtgo-storage")
    static class StorageHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "mtgoStorageHealthIndicator")
        HealthIndicator mtgoStorageHealthIndicator(Storage storage) {
            return new StorageHealthIndicator(storage);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(SessionLeaseKeeper.class)
    @ConditionalOnEnabledHealthIndicator("mtgo-session-lease")
    static class SessionLeaseHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "mtgoSessionLeaseHealthIndicator")
        HealthIndicator mtgoSessionLeaseHealthIndicator(SessionLeaseKeeper keeper) {
            return new SessionLeaseHealthIndicator(keeper);
        }

    }

}
