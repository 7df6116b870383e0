package io.mtgo.storage.faults;

import java.time.Duration;

import io.mtgo.storage.Storages;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis storage on a private {@code redis-server} with an fsynced append-only file, killed with
 * SIGKILL in the middle of a load (see {@link FaultScenario}). The Lettuce factory has a two-second
 * command timeout, as an application would set it: without one, commands queued while Redis is down
 * wait for a minute before failing.
 */
class RedisFaultTests extends AbstractFaultTests<PrivateRedis> {

    @Override
    PrivateRedis createServer() {
        return PrivateRedis.create();
    }

    @Override
    Client connect(PrivateRedis server) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(2))
            .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", server.port()), client);
        factory.afterPropertiesSet();
        factory.start();
        return new Client(Storages.adapt(factory, FaultScenario.SESSION), factory::destroy);
    }

}
