package io.mtgo.storage.redis;

import java.util.UUID;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Storages#adapt} on a {@code RedisConnectionFactory}. The adapted storage uses the default
 * key prefix, so the test works in a session of its own and deletes it.
 */
class RedisStorageAdapterTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("adapter");


    @Test
    void adaptBuildsAWorkingRedisStorageThatLeavesTheFactoryOpen() {
        String sessionName = "adapt-test-" + UUID.randomUUID().toString().substring(0, 8);
        Storage storage = Storages.adapt(redis.connectionFactory, sessionName);
        try {
            assertThat(storage).isInstanceOf(RedisStorage.class);
            assertThat(((RedisStorage) storage).keyPrefix()).isEqualTo("mtgo");
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(2).username("adapted_user").build());
            assertThat(storage.loadPeerByUsername("ADAPTED_USER")).map(Peer::id).contains(1L);
            assertThat(redis.scan("mtgo:{" + sessionName + "}:*")).as("peer, peer index, username hash").hasSize(3);
        }
        finally {
            storage.deleteSession(sessionName);
            storage.close();
        }
        assertThat(redis.scan("mtgo:{" + sessionName + "}:*")).isEmpty();
        assertThat(redis.redis.hasKey("any")).as("factory still usable after close").isNotNull();
    }

    @Test
    void adapterSupportsOnlyConnectionFactories() {
        RedisStorageAdapter adapter = new RedisStorageAdapter();
        assertThat(adapter.supports(redis.connectionFactory)).isTrue();
        assertThat(adapter.supports(redis.redis)).isFalse();
        assertThat(adapter.description()).isEqualTo("org.springframework.data.redis.connection.RedisConnectionFactory");
        assertThatIllegalArgumentException().isThrownBy(() -> Storages.adapt("redis://localhost", "s"))
            .withMessageContaining("RedisConnectionFactory");
    }

}
