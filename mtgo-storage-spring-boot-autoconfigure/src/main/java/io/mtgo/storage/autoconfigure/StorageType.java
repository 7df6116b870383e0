package io.mtgo.storage.autoconfigure;

/**
 * Which backend {@code mtgo.storage.type} asks for.
 */
public enum StorageType {

    /** Pick from the infrastructure the application set up (see {@link MtgoStorageAutoConfiguration}). */
    AUTO,

    /** In-memory: nothing survives a restart. */
    MEMORY,

    /** The application's DataSource through JPA (H2, SQLite, PostgreSQL, MariaDB/MySQL). */
    JPA,

    /** The application's MongoTemplate. */
    MONGODB,

    /** The application's RedisConnectionFactory. */
    REDIS

}
