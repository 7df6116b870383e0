package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageCopyTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StorageCopyTests} on Redis, under a key prefix of the class's own, so a copy sees only
 * what the class wrote.
 */
class RedisStorageCopyTests extends StorageCopyTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("copy");


    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

}
