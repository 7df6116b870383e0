package io.mtgo.storage.autoconfigure;

import java.util.Map;

import io.mtgo.storage.Storage;
import io.mtgo.storage.redis.RedisStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.NamedNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Redis backend on the application's
 * {@link RedisConnectionFactory} (Boot's own from {@code spring.data.redis.*}, or its own bean),
 * with {@code mtgo.storage.redis.*}. Third in the backend order: after an application DataSource
 * and MongoDB. Its writes do not join Spring transactions.
 */
@AutoConfiguration(after = { DataRedisAutoConfiguration.class, MongoStorageAutoConfiguration.class })
@ConditionalOnClass({ RedisConnectionFactory.class, RedisStorage.class })
@ConditionalOnStorageType(StorageType.REDIS)
@ConditionalOnMissingBean(Storage.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class RedisStorageAutoConfiguration {

    private static final ClassLoader CLASS_LOADER = RedisStorageAutoConfiguration.class.getClassLoader();

    /** Jedis apps may lack Lettuce and Lettuce apps Jedis; the absent one's factory class must never be touched. */
    private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient", CLASS_LOADER);

    private static final boolean JEDIS_PRESENT = ClassUtils.isPresent("redis.clients.jedis.Jedis", CLASS_LOADER);

    /** Where a value the backend refuses came from, for the start-up failure. */
    private static final Map<String, String> PROPERTY_OF_PARAMETER = Map.of("keyPrefix", "mtgo.storage.redis.key-prefix",
            "peerTtl", "mtgo.storage.redis.peer-ttl", "conversationTtl", "mtgo.storage.redis.conversation-ttl");

    @Bean
    AbstractStorage mtgoStorage(RedisConnectionFactory connectionFactory, MtgoStorageProperties properties,
            ObjectProvider<StorageObserver> observers) {
        MtgoStorageProperties.Redis redis = properties.getRedis();
        RedisStorage.Builder builder = StorageConfigurer.fromProperties(PROPERTY_OF_PARAMETER,
                () -> RedisStorage.builder(connectionFactory)
                    .keyPrefix(redis.getKeyPrefix())
                    .peerTtl(redis.getPeerTtl())
                    .conversationTtl(redis.getConversationTtl()));
        return StorageConfigurer.configure(properties, observers, describe(connectionFactory), builder);
    }

    /** Host and port only: the password and the rest of a URL stay out of the log. */
    static String describe(RedisConnectionFactory connectionFactory) {
        if (LETTUCE_PRESENT && connectionFactory instanceof LettuceConnectionFactory lettuce) {
            return describe(lettuce.isClusterAware(), lettuce.getSentinelConfiguration(), lettuce.getHostName(), lettuce.getPort());
        }
        if (JEDIS_PRESENT && connectionFactory instanceof JedisConnectionFactory jedis) {
            return describe(jedis.isRedisClusterAware(), jedis.getSentinelConfiguration(), jedis.getHostName(), jedis.getPort());
        }
        return "RedisConnectionFactory " + connectionFactory.getClass().getSimpleName();
    }

    private static String describe(boolean cluster, @Nullable RedisSentinelConfiguration sentinel, String host, int port) {
        if (cluster) {
            return "RedisConnectionFactory (Redis Cluster)";
        }
        if (sentinel != null) {
            NamedNode master = sentinel.getMaster();
            return "RedisConnectionFactory (Redis Sentinel" + ((master != null) ? ", master '" + master.getName() + "'" : "") + ")";
        }
        return "RedisConnectionFactory " + host + ":" + port;
    }

}
