package io.mtgo.storage.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the start-up line names the Redis the storage uses: where it is, never its password.
 */
class RedisConnectionDescriptionTests {

    @Test
    void aSingleServerByHostAndPort() {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("redis.internal", 6380);
        server.setPassword(RedisPassword.of("secret-pw"));
        assertThat(RedisStorageAutoConfiguration.describe(new LettuceConnectionFactory(server)))
            .isEqualTo("RedisConnectionFactory redis.internal:6380");
    }

    @Test
    void aSentinelSetupByItsMasterName() {
        RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration("bot-master", Set.of("127.0.0.1:26379"));
        sentinel.setPassword(RedisPassword.of("secret-pw"));
        assertThat(RedisStorageAutoConfiguration.describe(new LettuceConnectionFactory(sentinel)))
            .isEqualTo("RedisConnectionFactory (Redis Sentinel, master 'bot-master')");
    }

    @Test
    void jedisLikeLettuce() {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("redis.internal", 6380);
        server.setPassword(RedisPassword.of("secret-pw"));
        assertThat(RedisStorageAutoConfiguration.describe(new JedisConnectionFactory(server)))
            .isEqualTo("RedisConnectionFactory redis.internal:6380");
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(Set.of("10.0.0.1:7000", "10.0.0.2:7000"));
        assertThat(RedisStorageAutoConfiguration.describe(new JedisConnectionFactory(cluster)))
            .isEqualTo("RedisConnectionFactory (Redis Cluster)");
        RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration("bot-master", Set.of("127.0.0.1:26379"));
        assertThat(RedisStorageAutoConfiguration.describe(new JedisConnectionFactory(sentinel)))
            .isEqualTo("RedisConnectionFactory (Redis Sentinel, master 'bot-master')");
    }

}
