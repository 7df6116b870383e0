package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.Storage;
import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mtgo-storage's last resort and shared
 * beans. The backends contribute the {@link Storage} bean in a fixed order, each under
 * {@code @ConditionalOnMissingBean(Storage.class)} (run with {@code --debug} to see why each one
 * matched or not): {@link JdbcStorageAutoConfiguration} (a DataSource the application configured),
 * {@link MongoStorageAutoConfiguration}, {@link RedisStorageAutoConfiguration},
 * {@link EmbeddedJdbcStorageAutoConfiguration} (the starter's H2 file). When none did, this one
 * keeps the session in memory with a warning, or, when {@code mtgo.storage.type} named a backend,
 * fails start-up saying what to add. A user-defined {@link Storage} bean makes all of them back off.
 */
@AutoConfiguration(after = EmbeddedJdbcStorageAutoConfiguration.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class MtgoStorageAutoConfiguration {

    private static final Log logger = LogFactory.getLog(MtgoStorageAutoConfiguration.class);

    @Bean
    static BuildTimeBackendCheck mtgoStorageBuildTimeBackendCheck(Environment environment) {
        return new BuildTimeBackendCheck(environment);
    }

    @Bean
    @ConditionalOnMissingBean(Storage.class)
    AbstractStorage mtgoStorage(MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers) {
        StorageType type = properties.getType().canonical();
        if (type != StorageType.AUTO && type != StorageType.MEMORY) {
            throw new MissingStorageInfrastructureException(type);
        }
        String reason = (type == StorageType.MEMORY) ? "mtgo.storage.type=memory"
                : "no DataSource, MongoTemplate, RedisConnectionFactory or H2 driver found";
        AbstractStorage storage = StorageConfigurer.configure(properties, observers, "memory", MemoryStorage.builder());
        String message = "mtgo-storage keeps session '" + storage.sessionName() + "' in memory (" + reason
                + "): the session, its auth key and cached peers will not survive a restart";
        // Chosen on purpose (tests, throwaway runs) it is worth a line; as a fallback, a warning.
        if (type == StorageType.MEMORY) {
            logger.info(message);
        }
        else {
            logger.warn(message);
        }
        return storage;
    }

}
