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
     * @throws IllegalArgumentException when the object is of no supported kind, listing the kinds, or
     *     of a supported kind whose libraries are missing from the classpath, naming them
     */
    public static Storage adapt(Object connection, String sessionName) {
        return adapt(connection, sessionName, ServiceLoader.load(StorageAdapter.class, Storages.class.getClassLoader()));
    }

    static Storage adapt(Object connection, String sessionName, Iterable<StorageAdapter> adapters) {
        Arguments.requireNonNull(connection, "connection");
        SessionNames.requireValid(sessionName, "sessionName");
        List<String> available = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (StorageAdapter adapter : adapters) {
            if (adapter.supports(connection)) {
                return adapter.adapt(connection, sessionName);
            }
            adapter.missingLibraries(connection).ifPresent(missing::add);
            if (adapter.available()) {
                available.add(adapter.description());
            }
        }
        // A DataSource without spring-jdbc is of a supported kind: saying "not supported" would send
        // the caller looking for another kind of connection instead of the missing dependency.
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("connection of type " + connection.getClass().getName()
                    + " cannot be used: " + String.join("; ", missing));
        }
        throw new IllegalArgumentException("connection of type " + connection.getClass().getName()
                + " is not supported; Storages.adapt accepts " + SUPPORTED + " (available on this classpath: "
                + (available.isEmpty() ? "none" : String.join(", ", available)) + ")");
    }

}
