package io.mtgo.storage.redis;

import java.util.Set;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite against {@link RedisStorage} on Jedis, the client Spring Boot configures when
 * an application swaps Lettuce for it: its own connection pool, its own exceptions behind Spring's
 * translation, its own replies to scripts.
 */
class RedisJedisStorageContractTests extends StorageContractTests {

    @RegisterExtension
    static final RedisTestSupport redis = RedisTestSupport.onJedis("contract-jedis");

    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

    /**
     * Jedis's factory says from its configuration whether it talks to a cluster, as Lettuce's does:
     * on a single server the session is listed by its own save script (one round trip), on a
     * cluster by a command of its own.
     */
    @Test
    void theSessionScriptListsTheSessionOnASingleServerOnly() {
        assertThat(RedisSessionRegistry.isSingleServer(redis.connectionFactory)).isTrue();
        JedisConnectionFactory cluster = new JedisConnectionFactory(new RedisClusterConfiguration(Set.of("127.0.0.1:7000")));
        assertThat(RedisSessionRegistry.isSingleServer(cluster)).isFalse();

        try (Storage storage = createStorage("jedis-registry")) {
            storage.saveSession(Session.builder("jedis-registry").dcId(2).authKey(new byte[256]).build());
        }
        assertThat(redis.redis.opsForZSet().score(redis.keyPrefix + ":sessions", "jedis-registry")).isNotNull();
    }

}
