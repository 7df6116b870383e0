package io.mtgo.storage.redis;

import java.util.List;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.SessionLeaseContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.core.RedisCallback;

/**
 * The lease contract on Redis, under a key prefix of its own, with the expiry checked against
 * Redis's clock ({@code TIME}).
 */
class RedisSessionLeaseTests extends SessionLeaseContractTests {

    private static RedisTestSupport redis;

    @BeforeAll
    static void connect() {
        redis = new RedisTestSupport("leases");
    }

    @AfterAll
    static void removeKeysAndDisconnect() {
        if (redis != null) {
            List<String> leaseKeys = redis.scan(redis.keyPrefix + ":lease*");
            if (!leaseKeys.isEmpty()) {
                redis.redis.delete(leaseKeys);
            }
            redis.close();
        }
    }

    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

    @Override
    protected long storeNow() {
        return redis.redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
    }

}
