package io.mtgo.storage.redis;

import java.util.List;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.SessionLeaseContractTests;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.RedisCallback;

/**
 * The lease contract on Redis, under a key prefix of its own, with the expiry checked against
 * Redis's clock ({@code TIME}).
 */
class RedisSessionLeaseTests extends SessionLeaseContractTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("leases");


    @Override
    protected Storage createStorage(String sessionName) {
        return redis.storage().sessionName(sessionName).build();
    }

    @Override
    protected long storeNow() {
        return redis.redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
    }

}
