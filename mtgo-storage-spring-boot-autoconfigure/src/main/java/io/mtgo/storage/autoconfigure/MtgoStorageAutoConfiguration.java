package io.mtgo.storage.autoconfigure;

import java.util.List;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Storage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mtgo-storage: the {@link Storage} bean
 * (also the {@link io.mtgo.storage.ConversationStore}), built on the backend
 * {@link StorageSelector} picks among the candidates the backend auto-configurations contributed.
 * Runs after them; a user-defined {@link Storage} bean makes it back off.
 */
@AutoConfiguration(afterName = { "io.mtgo.storage.autoconfigure.JpaStorageAutoConfiguration",
        "io.mtgo.storage.autoconfigure.MongoStorageAutoConfiguration",
        "io.mtgo.storage.autoconfigure.RedisStorageAutoConfiguration" })
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class MtgoStorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Storage.class)
    AbstractStorage mtgoStorage(MtgoStorageProperties properties, ObjectProvider<StorageBackendCandidate> candidates) {
        List<StorageBackendCandidate> available = candidates.orderedStream().toList();
        return StorageSelector.select(properties.getType(), properties.getSessionName(), available);
    }

}
