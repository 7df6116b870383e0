package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.mongodb.MongoCollectionNames;
import io.mtgo.storage.mongodb.MongoStorage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the MongoDB backend: a
 * {@link StorageBackendCandidate} on the application's {@link MongoTemplate} (so
 * {@code spring.mongodb.uri} and {@code @ServiceConnection} apply), with the collection names of
 * {@code mtgo.storage.mongodb.*}. Indexes are created when the storage is built.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass({ MongoTemplate.class, MongoStorage.class })
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class MongoStorageAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    StorageBackendCandidate mongoStorageCandidate(MongoTemplate template, MtgoStorageProperties properties) {
        MtgoStorageProperties.Mongodb mongodb = properties.getMongodb();
        MongoCollectionNames names = new MongoCollectionNames(mongodb.getSessionsCollection(), mongodb.getPeersCollection(),
                mongodb.getKvCollection(), mongodb.getConversationsCollection());
        return new MongoCandidate(template, names);
    }

    /**
     * The MongoDB backend on the application's template.
     */
    record MongoCandidate(MongoTemplate template, MongoCollectionNames names) implements StorageBackendCandidate {

        @Override
        public StorageType type() {
            return StorageType.MONGODB;
        }

        @Override
        public boolean appConfigured() {
            return true;
        }

        @Override
        public String description() {
            return "MongoTemplate database '" + this.template.getDb().getName() + "'";
        }

        @Override
        public AbstractStorage create(String sessionName) {
            return new MongoStorage(this.template, this.names, sessionName);
        }

    }

}
