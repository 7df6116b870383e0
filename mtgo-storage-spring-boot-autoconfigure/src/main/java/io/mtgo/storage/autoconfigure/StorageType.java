package io.mtgo.storage.autoconfigure;

import java.util.Locale;

/**
 * Which backend {@code mtgo.storage.type} asks for.
 */
public enum StorageType {

    /** Pick from the infrastructure the application set up (see {@link MtgoStorageAutoConfiguration}). */
    AUTO,

    /** In-memory: nothing survives a restart. */
    MEMORY,

    /** The application's DataSource through JDBC (H2, SQLite, PostgreSQL, MariaDB/MySQL). */
    JDBC,

    /**
     * Synonym of {@link #JDBC}, kept so that applications written for the former JPA backend start
     * unchanged.
     * @deprecated use {@link #JDBC}
     */
    @Deprecated
    JPA,

    /** The application's MongoTemplate. */
    MONGODB,

    /** The application's RedisConnectionFactory. */
    REDIS;

    /**
     * Returns the type this one stands for: {@link #JDBC} for its synonym {@link #JPA}.
     * @return the canonical type
     */
    @SuppressWarnings("deprecation")
    public StorageType canonical() {
        return (this == JPA) ? JDBC : this;
    }

    /**
     * Returns the value of {@code mtgo.storage.type} that selects this type, as messages name it.
     * @return the lower-case name, the same in every default locale (a Turkish one would otherwise
     * print {@code sqlıte})
     */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

}
