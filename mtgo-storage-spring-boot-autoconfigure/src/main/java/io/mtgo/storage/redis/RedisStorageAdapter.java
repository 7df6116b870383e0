package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.StorageAdapter;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.mtgo.storage.Storages#adapt} support for a Spring Data Redis
 * {@code RedisConnectionFactory}: a {@link RedisStorage} with the default key prefix and no time
 * to live. Loads without Spring Data Redis on the classpath (then it supports nothing): every
 * Spring Data Redis type is touched only in {@code Factory}, loaded once an object passed the
 * check.
 */
public final class RedisStorageAdapter implements StorageAdapter {

    private static final String CONNECTION_FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

    private final @Nullable Class<?> connectionFactoryType = load();

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public RedisStorageAdapter() {
    }

    @Override
    public String description() {
        return CONNECTION_FACTORY;
    }

    @Override
    public boolean supports(Object connection) {
        return this.connectionFactoryType != null && this.connectionFactoryType.isInstance(connection);
    }

    @Override
    public boolean available() {
        return this.connectionFactoryType != null;
    }

    @Override
    public Storage adapt(Object connection, String sessionName) {
        if (!supports(connection)) {
            throw new IllegalArgumentException("connection must be a " + CONNECTION_FACTORY + " but was "
                    + connection.getClass().getName());
        }
        return Factory.create(connection, sessionName);
    }

    private static @Nullable Class<?> load() {
        try {
            return Class.forName(CONNECTION_FACTORY, false, RedisStorageAdapter.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    /** The only place this adapter names a Spring Data Redis type. */
    private static final class Factory {

        static Storage create(Object connection, String sessionName) {
            return RedisStorage
                .builder((org.springframework.data.redis.connection.RedisConnectionFactory) connection)
                .sessionName(sessionName)
                .build();
        }

    }

}
