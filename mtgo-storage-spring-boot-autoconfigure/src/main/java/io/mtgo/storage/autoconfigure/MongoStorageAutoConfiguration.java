package io.mtgo.storage.autoconfigure;

import java.util.Map;

import io.mtgo.storage.Storage;
import io.mtgo.storage.mongodb.MongoCollectionNames;
import io.mtgo.storage.mongodb.MongoStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the MongoDB backend on the application's
 * {@link MongoTemplate} (so {@code spring.mongodb.uri} and {@code @ServiceConnection} apply), with
 * the collection names of {@code mtgo.storage.mongodb.*}. Second in the backend order: after an
 * application DataSource, before Redis. Indexes are created when the storage is built. Its writes
 * do not join Spring transactions.
 */
@AutoConfiguration(after = JdbcStorageAutoConfiguration.class,
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass({ MongoTemplate.class, MongoStorage.class })
@ConditionalOnStorageType(StorageType.MONGODB)
@ConditionalOnMissingBean(Storage.class)
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class MongoStorageAutoConfiguration {

    /** Where a value the backend refuses came from, for the start-up failure. */
    private static final Map<String, String> PROPERTY_OF_PARAMETER = Map.of(
            "sessions collection", "mtgo.storage.mongodb.sessions-collection",
            "peers collection", "mtgo.storage.mongodb.peers-collection",
            "kv collection", "mtgo.storage.mongodb.kv-collection",
            "conversations collection", "mtgo.storage.mongodb.conversations-collection");

    @Bean
    AbstractStorage mtgoStorage(MongoTemplate template, MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers) {
        MtgoStorageProperties.Mongodb mongodb = properties.getMongodb();
        MongoCollectionNames names = StorageConfigurer.fromProperties(PROPERTY_OF_PARAMETER,
                () -> new MongoCollectionNames(mongodb.getSessionsCollection(), mongodb.getPeersCollection(),
                        mongodb.getKvCollection(), mongodb.getConversationsCollection()));
        String database = "MongoTemplate database '" + template.getDb().getName() + "'";
        return StorageConfigurer.configure(properties, observers, database, MongoStorage.builder(template).collectionNames(names),
                builder -> {
                    try {
                        return builder.build();
                    }
                    catch (RuntimeException ex) {
                        // Building creates the collections' indexes: the first time the server is asked anything.
                        Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
                        throw new StorageStartupException("mtgo-storage could not create its indexes in " + database + ": "
                                + root.getMessage(), "Check that the MongoDB server in spring.mongodb.uri is reachable, "
                                        + "that its user may create indexes in that database, and that the "
                                        + "mtgo.storage.mongodb.*-collection properties name collections of mtgo-storage's own.", ex);
                    }
                });
    }

}
