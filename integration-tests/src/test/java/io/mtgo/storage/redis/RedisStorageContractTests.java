package io.mtgo.storage.redis;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract suite against {@link RedisStorage} on a real Redis, under a key prefix of its own.
 * One connection factory per class; every test's storages share it.
 */
class RedisStorageContractTests extends StorageContractTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("contract");


    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

}
