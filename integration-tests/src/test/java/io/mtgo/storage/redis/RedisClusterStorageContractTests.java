package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The contract suite against {@link RedisStorage} on a Redis Cluster of three masters and three
 * replicas that the class starts itself ({@link PrivateRedisCluster}): every script must route to
 * the session's node, and every key it touches must be declared and in that slot, or Redis
 * refuses it here.
 */
class RedisClusterStorageContractTests extends StorageContractTests {

    private static PrivateRedisCluster cluster;

    private static LettuceConnectionFactory connectionFactory;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = PrivateRedisCluster.start();
        connectionFactory = cluster.connectionFactory();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Storage createStorage(String sessionName) {
        return RedisStorage.builder(connectionFactory).sessionName(sessionName).build();
    }

}
