package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.redis.RedisStorage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Redis backend: when the application
 * has a {@link RedisConnectionFactory} (Boot's own from {@code spring.data.redis.*}, or its own
 * bean), contributes a {@link StorageBackendCandidate} that builds a {@link RedisStorage} from
 * {@code mtgo.storage.redis.*}. {@link MtgoStorageAutoConfiguration} decides whether it is used.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, RedisStorage.class })
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class RedisStorageAutoConfiguration {

    /** Jedis apps may lack Lettuce; its factory class must then never be touched. */
    private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
            RedisStorageAutoConfiguration.class.getClassLoader());

    @Bean
    @ConditionalOnBean(RedisConnectionFactory.class)
    StorageBackendCandidate redisStorageBackendCandidate(RedisConnectionFactory connectionFactory,
            MtgoStorageProperties properties) {
        return new RedisCandidate(connectionFactory, properties.getRedis());
    }

    private record RedisCandidate(RedisConnectionFactory connectionFactory,
            MtgoStorageProperties.Redis properties) implements StorageBackendCandidate {

        @Override
        public StorageType type() {
            return StorageType.REDIS;
        }

        @Override
        public boolean appConfigured() {
            return true;
        }

        /** Host and port only: the password and the rest of a URL stay out of the log. */
        @Override
        public String description() {
            if (LETTUCE_PRESENT && this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
                if (lettuce.isClusterAware()) {
                    return "RedisConnectionFactory (Redis Cluster)";
                }
                if (lettuce.isRedisSentinelAware()) {
                    return "RedisConnectionFactory (Redis Sentinel)";
                }
                return "RedisConnectionFactory " + lettuce.getHostName() + ":" + lettuce.getPort();
            }
            return "RedisConnectionFactory " + this.connectionFactory.getClass().getSimpleName();
        }

        @Override
        public AbstractStorage create(String sessionName) {
            return RedisStorage.builder(this.connectionFactory)
                .keyPrefix(this.properties.getKeyPrefix())
                .peerTtl(this.properties.getPeerTtl())
                .conversationTtl(this.properties.getConversationTtl())
                .build(sessionName);
        }

        @Override
        public String toString() {
            return description();
        }

    }

}
