package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageConcurrencyTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Eight threads of mixed writes on {@link RedisStorage}, under a key prefix of its own.
 */
class RedisStorageConcurrencyTests extends StorageConcurrencyTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("concurrency");


    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

}
