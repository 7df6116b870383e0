package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.AbstractStorage;

/**
 * A backend that the application's infrastructure makes possible. Each backend's
 * auto-configuration contributes one as a bean when its infrastructure bean exists; creating the
 * candidate opens nothing. {@link MtgoStorageAutoConfiguration} then picks exactly one and calls
 * {@link #create(String)} on it.
 */
public interface StorageBackendCandidate {

    /**
     * Returns the backend this candidate builds.
     * @return the type, never {@link StorageType#AUTO}
     */
    StorageType type();

    /**
     * Whether the infrastructure was set up by the application (a DataSource it configured, its
     * MongoTemplate or RedisConnectionFactory) rather than by a library default such as the
     * starter's embedded H2 file. Under {@code auto}, application infrastructure wins.
     * @return whether the application configured the infrastructure
     */
    boolean appConfigured();

    /**
     * Describes the infrastructure, for the start-up log (never with credentials).
     * @return for example {@code "DataSource jdbc:postgresql://db/bot"}
     */
    String description();

    /**
     * Builds the storage on the infrastructure, ready to use (schema or indexes in place).
     * @param sessionName the configured session name
     * @return the storage
     */
    AbstractStorage create(String sessionName);

}
