package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageCopyTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link StorageCopyTests} on Redis, under a key prefix of the class's own, so a copy sees only
 * what the class wrote.
 */
class RedisStorageCopyTests extends StorageCopyTests {

    private static RedisTestSupport redis;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport("copy");
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
