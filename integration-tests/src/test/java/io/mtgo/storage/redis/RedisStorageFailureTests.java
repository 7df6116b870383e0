package io.mtgo.storage.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Redis failure is a {@link StorageException} with the cause attached, never an empty result:
 * an unreachable server, and keys of the wrong type planted behind the storage's back (WRONGTYPE
 * from a single command, a script and a pipeline).
 */
class RedisStorageFailureTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("failure");

    private final String sessionName = "failure-" + UUID.randomUUID().toString().substring(0, 8);

    private final RedisKeys keys = new RedisKeys(redis.keyPrefix);

    private RedisStorage storage;


    @AfterEach
    void deleteSession() {
        if (this.storage != null) {
            this.storage.deleteSession(this.sessionName);
        }
    }

    @Test
    void unreachableRedisIsAStorageException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", closedPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        unreachable.afterPropertiesSet();
        unreachable.start();
        try {
            RedisStorage broken = RedisStorage.builder(unreachable).sessionName(this.sessionName).build();
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> broken.loadPeer(1))
                .withMessageContaining("loadPeer")
                .withMessageContaining(this.sessionName)
                .withCauseInstanceOf(org.springframework.dao.DataAccessException.class);
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> broken.loadSession(this.sessionName));
            assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> broken.savePeers(List.of(user(1, "some_user"), user(2, null))));
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> broken.deleteSession(this.sessionName));
            broken.close();
        }
        finally {
            unreachable.destroy();
        }
    }

    @Test
    void wrongTypeOnASingleCommandIsAStorageException() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        redis.redis.opsForValue().set(this.keys.peer(this.sessionName, 1), "not a hash");
        redis.redis.opsForValue().set(this.keys.metadata(this.sessionName), "not a hash");
        redis.redis.opsForList().leftPush(this.keys.session(this.sessionName), "not a hash");
        assertWrongType(() -> this.storage.loadPeer(1));
        assertWrongType(() -> this.storage.getUserId());
        assertWrongType(() -> this.storage.setFirstName("Alice"));
        assertWrongType(() -> this.storage.loadSession(this.sessionName));
    }

    @Test
    void wrongTypeInsideAScriptIsAStorageException() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        redis.redis.opsForValue().set(this.keys.peer(this.sessionName, 1), "not a hash");
        redis.redis.opsForList().leftPush(this.keys.conversation(this.sessionName, 1, 2), "not a hash");
        assertWrongType(() -> this.storage.savePeer(user(1, "some_user")));
        assertWrongType(() -> this.storage.savePeers(List.of(user(2, null), user(1, null))));
        assertWrongType(() -> this.storage.deletePeer(1));
        assertWrongType(() -> this.storage.saveConversation(Conversation.builder(1, 2).build()));
        assertThat(this.storage.loadPeer(2)).as("all or nothing").isEmpty();
    }

    @Test
    void wrongTypeOfTheUsernameHashIsAStorageExceptionThatWritesNothing() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        redis.redis.opsForValue().set(this.keys.usernames(this.sessionName), "not a hash");
        assertWrongType(() -> this.storage.savePeers(List.of(user(2, null), user(3, "planted_name"))));
        assertWrongType(() -> this.storage.loadPeerByUsername("planted_name"));
        assertThat(this.storage.loadPeer(2)).as("all or nothing").isEmpty();
    }

    @Test
    void wrongTypeInsideThePipelineOfAMinPeerSaveIsAStorageException() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        redis.redis.opsForValue().set(this.keys.peer(this.sessionName, 1), "not a hash");
        Peer min = Peer.builder(1, PeerType.USER).accessHash(5).min(true).build();
        assertWrongType(() -> this.storage.savePeers(List.of(user(2, null), min)));
        assertThat(this.storage.loadPeer(2)).as("all or nothing").isEmpty();
    }

    @Test
    void corruptStoredDataIsAStorageExceptionWithoutItsValues() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        this.storage.saveSession(Session.builder(this.sessionName).dcId(2).authKey(new byte[256]).apiHash("secret_hash").build());
        redis.redis.opsForHash().put(this.keys.session(this.sessionName), "dc_id", "two");
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> this.storage.loadSession(this.sessionName))
            .withMessageContaining("dc_id")
            .withMessageNotContaining("secret_hash");
    }

    private static void assertWrongType(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatExceptionOfType(StorageException.class).isThrownBy(call)
            .withMessageContaining("redis storage")
            .satisfies(ex -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex)).hasMessageContaining("WRONGTYPE"));
    }

    private static Peer user(long id, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(id * 11).username(username).build();
    }

}
