package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract suite against {@link RedisStorage} on a real Redis, under a key prefix of its own.
 * One connection factory per class; every test's storages share it.
 */
class RedisStorageContractTests extends StorageContractTests {

    private static RedisTestSupport redis;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport("contract");
    }

    @AfterAll
    static void removeKeysAndDisconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

}
