package io.mtgo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.spi.StorageAdapter;

/**
 * Storage without Spring Boot: build one from a connection object the application already has.
 */
public final class Storages {

    private static final String SUPPORTED = "javax.sql.DataSource, jakarta.persistence.EntityManagerFactory, "
            + "org.springframework.data.mongodb.core.MongoTemplate, org.springframework.data.mongodb.MongoDatabaseFactory, "
            + "org.springframework.data.redis.connection.RedisConnectionFactory";

    private Storages() {
    }

    /**
     * Returns a new in-memory storage. Nothing survives the JVM.
     * @param sessionName the session the storage is scoped to
     * @return the storage
     */
    public static Storage memory(String sessionName) {
        return MemoryStorage.builder().sessionName(sessionName).build();
    }

    /**
     * Builds a storage on a connection object, detecting its kind: a {@code DataSource} or
     * {@code EntityManagerFactory} (JDBC backend on its DataSource, schema applied with Liquibase), a
     * {@code MongoTemplate} or {@code MongoDatabaseFactory} (MongoDB backend, indexes created), or a
     * {@code RedisConnectionFactory} (Redis backend). The connection stays the caller's: closing
     * the storage does not close it.
     * @param connection the connection object
     * @param sessionName the session the storage is scoped to
     * @return a ready storage
     * @throws IllegalArgumentException when the object is of no supported kind, listing the kinds
     */
    public static Storage adapt(Object connection, String sessionName) {
        Arguments.requireNonNull(connection, "connection");
        SessionNames.requireValid(sessionName, "sessionName");
        List<String> available = new ArrayList<>();
        for (StorageAdapter adapter : ServiceLoader.load(StorageAdapter.class, Storages.class.getClassLoader())) {
            if (adapter.supports(connection)) {
                return adapter.adapt(connection, sessionName);
            }
            available.add(adapter.description());
        }
        throw new IllegalArgumentException("connection of type " + connection.getClass().getName()
                + " is not supported; Storages.adapt accepts " + SUPPORTED + " (available on this classpath: "
                + (available.isEmpty() ? "none" : String.join(", ", available)) + ")");
    }

}
