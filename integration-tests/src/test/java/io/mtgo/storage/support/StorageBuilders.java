package io.mtgo.storage.support;

import javax.sql.DataSource;

import io.mtgo.storage.jdbc.JdbcSchema;
import io.mtgo.storage.jdbc.JdbcStorage;
import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.mongodb.MongoStorage;
import io.mtgo.storage.redis.RedisStorage;
import io.mtgo.storage.spi.StorageBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The builder of the backend a test's infrastructure belongs to, for tests that run one scenario on
 * every backend and give the storage settings (a cipher, an observer) at build time.
 */
public final class StorageBuilders {

    private StorageBuilders() {
    }

    /**
     * Returns the builder for a connection.
     * @param connection a {@link DataSource}, {@link MongoTemplate} or {@link RedisConnectionFactory};
     * {@code null} for memory
     * @return the builder, without a session name (for a DataSource, after applying the schema as
 * {@code Storages.adapt} does)
     */
    public static StorageBuilder<?> forConnection(@Nullable Object connection) {
        if (connection == null) {
            return MemoryStorage.builder();
        }
        if (connection instanceof DataSource dataSource) {
            JdbcSchema.apply(dataSource);
            return JdbcStorage.builder(dataSource);
        }
        if (connection instanceof MongoTemplate template) {
            return MongoStorage.builder(template);
        }
        if (connection instanceof RedisConnectionFactory connectionFactory) {
            return RedisStorage.builder(connectionFactory);
        }
        throw new IllegalArgumentException("no storage builder for " + connection.getClass().getName());
    }

}
