package io.mtgo.storage.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the write scripts leave in Redis, read back with plain commands: {@code save-hash.lua} lists
 * the session in the registry from the session's own script on a single server, and repairs an
 * entry another process removed; {@code save-peers.lua}, which reads only a stored peer's username,
 * still leaves each peer hash with exactly its new fields and the right time to live, and keeps a
 * re-saved peer in the index while removing expired ones.
 */
class RedisStorageSaveScriptsTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("scripts");

    private final String sessionName = "scripts-" + UUID.randomUUID().toString().substring(0, 8);

    private RedisKeys keys;

    private RedisStorage storage;

    @BeforeEach
    void buildStorage() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        this.keys = new RedisKeys(redis.keyPrefix);
    }

    @AfterEach
    void deleteSession() {
        this.storage.deleteSession(this.sessionName);
    }

    @Test
    void saveSessionListsTheSessionAndRepairsAnEntryAnotherProcessRemoved() {
        Session session = Session.builder(this.sessionName).dcId(2).authKey(new byte[256]).build();
        this.storage.saveSession(session);
        assertThat(this.storage.sessionNames()).contains(this.sessionName);
        // Another process (its own storage, its own cache of listed names) removes the entry.
        redis.storage().sessionName(this.sessionName).build().deleteSession(this.sessionName);
        assertThat(this.storage.sessionNames()).doesNotContain(this.sessionName);
        this.storage.saveSession(session);
        assertThat(this.storage.sessionNames()).contains(this.sessionName);
        assertThat(this.storage.loadSession(this.sessionName)).hasValueSatisfying(loaded -> assertThat(loaded.dcId()).isEqualTo(2));
    }

    @Test
    void theSessionNeverKeepsATimeToLive() {
        Session session = Session.builder(this.sessionName).dcId(2).build();
        this.storage.saveSession(session);
        redis.redis.expire(this.keys.session(this.sessionName), Duration.ofHours(1));
        this.storage.saveSession(session);
        assertThat(redis.redis.getExpire(this.keys.session(this.sessionName), TimeUnit.MILLISECONDS)).isEqualTo(-1L);
    }

    @Test
    void aPeerHashHoldsExactlyTheFieldsOfItsLastSave() {
        String key = this.keys.peer(this.sessionName, 1);
        this.storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(11).username("shape_user").firstName("First").lastName("Last")
            .phoneNumber("123").language("en").build());
        assertThat(redis.redis.<String, String>opsForHash().keys(key)).contains("username", "first_name", "last_name", "phone", "language");
        // Same shape again: nothing to remove.
        this.storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(12).username("shape_user").firstName("First").lastName("Last")
            .phoneNumber("123").language("en").build());
        Set<Object> fullShape = redis.redis.opsForHash().keys(key);
        // A field no version of the store wrote, then a save with fewer fields: both go.
        redis.redis.opsForHash().put(key, "planted", "x");
        this.storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(13).firstName("First").build());
        Set<Object> fields = redis.redis.opsForHash().keys(key);
        assertThat(fields).doesNotContain("planted", "username", "last_name", "phone", "language").contains("first_name", "access_hash");
        assertThat(fullShape).containsAll(fields);
        assertThat(redis.redis.opsForHash().entries(this.keys.usernames(this.sessionName))).doesNotContainKey("shape_user");
        assertThat(this.storage.loadPeer(1)).hasValueSatisfying(peer -> {
            assertThat(peer.accessHash()).isEqualTo(13);
            assertThat(peer.username()).isNull();
            assertThat(peer.lastName()).isNull();
        });
    }

    @Test
    void aPeerSavedWithoutTimeToLiveLosesTheOneOfAnEarlierSave() {
        RedisStorage expiring = redis.storage().peerTtl(Duration.ofHours(1)).sessionName(this.sessionName).build();
        expiring.savePeer(Peer.builder(1, PeerType.USER).accessHash(11).build());
        String key = this.keys.peer(this.sessionName, 1);
        assertThat(redis.redis.getExpire(key, TimeUnit.MILLISECONDS)).isPositive();
        this.storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(11).build());
        assertThat(redis.redis.getExpire(key, TimeUnit.MILLISECONDS)).isEqualTo(-1L);
    }

    @Test
    void aPeerSavedAgainAfterItExpiredStaysInTheIndexWhileExpiredOnesLeave() throws InterruptedException {
        RedisStorage expiring = redis.storage().peerTtl(Duration.ofMillis(150)).sessionName(this.sessionName).build();
        expiring.savePeers(List.of(Peer.builder(1, PeerType.USER).accessHash(1).build(), Peer.builder(2, PeerType.USER).accessHash(2).build()));
        Thread.sleep(300);
        expiring.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).build());
        assertThat(redis.redis.opsForZSet().range(this.keys.peerIndex(this.sessionName), 0, -1)).containsExactly("1");
        assertThat(expiring.loadPeer(1)).isPresent();
    }

}
