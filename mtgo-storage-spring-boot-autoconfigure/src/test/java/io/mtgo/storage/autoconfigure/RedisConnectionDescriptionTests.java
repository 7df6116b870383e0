package io.mtgo.storage.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
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

}
