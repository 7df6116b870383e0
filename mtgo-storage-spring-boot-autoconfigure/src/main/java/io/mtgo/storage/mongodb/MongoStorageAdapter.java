package io.mtgo.storage.mongodb;

import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.StorageAdapter;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link io.mtgo.storage.Storages#adapt} for a {@code MongoTemplate} or
 * {@code MongoDatabaseFactory}, with the default collection names. Loads without Spring Data
 * MongoDB on the classpath (it then supports nothing): Mongo types are only touched after
 * {@link #mongoPresent()}.
 */
public final class MongoStorageAdapter implements StorageAdapter {

    @Override
    public String description() {
        return "org.springframework.data.mongodb.core.MongoTemplate and org.springframework.data.mongodb.MongoDatabaseFactory";
    }

    @Override
    public boolean supports(Object connection) {
        return mongoPresent() && Mongo.supports(connection);
    }

    @Override
    public boolean available() {
        return mongoPresent();
    }

    @Override
    public Storage adapt(Object connection, String sessionName) {
        return Mongo.adapt(connection, sessionName);
    }

    private static boolean mongoPresent() {
        try {
            ClassLoader loader = MongoStorageAdapter.class.getClassLoader();
            Class.forName("org.springframework.data.mongodb.core.MongoTemplate", false, loader);
            Class.forName("com.mongodb.client.MongoCollection", false, loader);
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Keeps Mongo types out of the adapter's own signature. */
    private static final class Mongo {

        static boolean supports(Object connection) {
            return connection instanceof MongoTemplate || connection instanceof MongoDatabaseFactory;
        }

        static Storage adapt(Object connection, String sessionName) {
            MongoTemplate template = (connection instanceof MongoTemplate mongoTemplate) ? mongoTemplate
                    : new MongoTemplate((MongoDatabaseFactory) connection);
            return MongoStorage.builder(template).sessionName(sessionName).build();
        }

    }

}
