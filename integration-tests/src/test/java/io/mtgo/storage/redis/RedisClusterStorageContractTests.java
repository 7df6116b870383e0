package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract suite against {@link RedisStorage} on a Redis Cluster of three masters and three
 * replicas that the class starts itself ({@link PrivateRedisCluster}): every script must route to
 * the session's node, and every key it touches must be declared and in that slot, or Redis
 * refuses it here.
 */
class RedisClusterStorageContractTests extends StorageContractTests {

    @RegisterExtension
    static final PrivateRedisClusterExtension redisCluster = new PrivateRedisClusterExtension();

    @Override
    protected Storage createStorage(String sessionName) {
        return RedisStorage.builder(redisCluster.connectionFactory()).sessionName(sessionName).build();
    }

}
