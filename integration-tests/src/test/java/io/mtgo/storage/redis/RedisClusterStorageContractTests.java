package io.mtgo.storage.redis;

import java.util.UUID;

import io.lettuce.core.cluster.SlotHash;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite against {@link RedisStorage} on a Redis Cluster of three masters and three
 * replicas that the class starts itself ({@link PrivateRedisCluster}): every script must route to
 * the session's node, and every key it touches must be declared and in that slot, or Redis
 * refuses it here.
 */
class RedisClusterStorageContractTests extends StorageContractTests {

    @RegisterExtension
    static final PrivateRedisClusterExtension redisCluster = new PrivateRedisClusterExtension();

    @Override
    protected Storage createStorage(String sessionName) {
        return RedisStorage.builder(redisCluster.connectionFactory()).sessionName(sessionName).build();
    }

    /**
     * A single-server configuration in front of a server that enforces slots (here one cluster
     * master, standing in for a sharding proxy): saveSession's script that also lists the session
     * is refused with CROSSSLOT before it runs, and the storage lists it with a command of its own
     * instead, from then on.
     */
    @Test
    void saveSessionOnASingleServerConfigurationThatRefusesTheRegistryInTheScriptListsItSeparately() throws Exception {
        String prefix = "crossslot";
        int node = redisCluster.cluster().masterOf(SlotHash.getSlot(new RedisKeys(prefix).registry()));
        String sessionName = sessionServedBy(node);
        LettuceConnectionFactory single = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", node));
        single.afterPropertiesSet();
        single.start();
        try {
            RedisStorage storage = RedisStorage.builder(single).keyPrefix(prefix).sessionName(sessionName).build();
            Session session = Session.builder(sessionName).dcId(2).authKey(new byte[256]).build();
            storage.saveSession(session);
            storage.saveSession(Session.builder(sessionName).dcId(4).authKey(new byte[256]).build());
            assertThat(storage.loadSession(sessionName)).hasValueSatisfying(loaded -> assertThat(loaded.dcId()).isEqualTo(4));
            assertThat(storage.sessionNames()).containsExactly(sessionName);
            storage.deleteSession(sessionName);
            assertThat(storage.sessionNames()).isEmpty();
        }
        finally {
            single.destroy();
        }
    }

    /** A session name whose keys live on the given master, with the registry. */
    private static String sessionServedBy(int node) throws Exception {
        String base = "crossslot-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 200; i++) {
            String name = base + i;
            if (redisCluster.cluster().masterOf(SlotHash.getSlot("{" + RedisKeys.encodeSessionName(name) + "}")) == node) {
                return name;
            }
        }
        throw new IllegalStateException("No session name on the registry's master in 200 tries");
    }

}
