package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageConcurrencyTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Eight threads of mixed writes on {@link RedisStorage}, under a key prefix of its own.
 */
class RedisStorageConcurrencyTests extends StorageConcurrencyTests {

    private static RedisTestSupport redis;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport("concurrency");
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
