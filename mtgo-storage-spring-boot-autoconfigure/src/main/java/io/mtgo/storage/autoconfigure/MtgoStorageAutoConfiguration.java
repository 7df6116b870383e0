package io.mtgo.storage.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mtgo-storage: the {@link Storage} bean
 * (also the {@link io.mtgo.storage.ConversationStore}), built on the backend
 * {@link StorageSelector} picks among the candidates the backend auto-configurations contributed,
 * with {@code mtgo.storage.save-peers} applied and, when Micrometer is present, operation timers.
 * Runs after the backend auto-configurations; a user-defined {@link Storage} bean makes it back
 * off.
 */
@AutoConfiguration(afterName = { "io.mtgo.storage.autoconfigure.JdbcStorageAutoConfiguration",
        "io.mtgo.storage.autoconfigure.MongoStorageAutoConfiguration",
        "io.mtgo.storage.autoconfigure.RedisStorageAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class MtgoStorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Storage.class)
    AbstractStorage mtgoStorage(MtgoStorageProperties properties, ObjectProvider<StorageBackendCandidate> candidates,
            ObjectProvider<StorageObserver> observers) {
        List<StorageBackendCandidate> available = candidates.orderedStream().toList();
        AbstractStorage storage = StorageSelector.select(properties.getType().canonical(), properties.getSessionName(), available);
        storage.setPeerCaching(properties.isSavePeers());
        storage.setAuthKeyCipher(AuthKeyEncryption.cipherFor(properties.getEncryption(), storage.backendName()));
        observers.ifUnique(storage::setObserver);
        return storage;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(StorageObserver.class)
        StorageObserver mtgoStorageMetricsObserver(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meterRegistry = registry.getIfUnique();
            return (meterRegistry != null) ? new MicrometerStorageObserver(meterRegistry) : StorageObserver.NONE;
        }

    }

}
