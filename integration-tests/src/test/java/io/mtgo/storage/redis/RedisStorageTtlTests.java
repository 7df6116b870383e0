package io.mtgo.storage.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code peerTtl} and {@code conversationTtl} on real keys: peers, their username entries and
 * conversations expire; the session, its metadata and update state never do.
 */
class RedisStorageTtlTests {

    private static final Duration PEER_TTL = Duration.ofHours(1);

    private static final Duration CONVERSATION_TTL = Duration.ofHours(2);

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("ttl");

    private final String sessionName = "ttl-" + UUID.randomUUID().toString().substring(0, 8);

    private RedisStorage storage;


    @AfterEach
    void deleteSession() {
        if (this.storage != null) {
            this.storage.deleteSession(this.sessionName);
        }
    }

    @Test
    void timeToLiveAppliesToPeersUsernamesAndConversationsOnly() {
        this.storage = redis.storage().peerTtl(PEER_TTL).conversationTtl(CONVERSATION_TTL).sessionName(this.sessionName).build();
        fill();
        RedisKeys keys = new RedisKeys(redis.keyPrefix);
        assertTtl(keys.peer(this.sessionName, 1), PEER_TTL);
        assertTtl(keys.usernames(this.sessionName), PEER_TTL);
        assertTtl(keys.peerIndex(this.sessionName), PEER_TTL);
        assertTtl(keys.peer(this.sessionName, 2), PEER_TTL);
        assertTtl(keys.conversation(this.sessionName, 10, 20), CONVERSATION_TTL);
        assertTtl(keys.conversationIndex(this.sessionName), CONVERSATION_TTL);
        assertNoTtl(keys.session(this.sessionName));
        assertNoTtl(keys.metadata(this.sessionName));
        assertNoTtl(keys.updateState(this.sessionName));
        assertNoTtl(keys.registry());
        assertThat(redis.allKeys()).hasSize(10);
    }

    @Test
    void renamedAndMovedUsernamesKeepTheirTimeToLive() {
        this.storage = redis.storage().peerTtl(PEER_TTL).sessionName(this.sessionName).build();
        this.storage.savePeer(user(1, "first_name"));
        this.storage.savePeer(user(1, "second_name"));
        this.storage.savePeers(List.of(user(2, "second_name"), user(3, "third_name")));
        RedisKeys keys = new RedisKeys(redis.keyPrefix);
        assertThat(redis.redis.opsForHash().entries(keys.usernames(this.sessionName)))
            .isEqualTo(java.util.Map.of("second_name", "2", "third_name", "3"));
        assertTtl(keys.usernames(this.sessionName), PEER_TTL);
        assertTtl(keys.peer(this.sessionName, 1), PEER_TTL);
        assertThat(this.storage.loadPeer(1)).hasValueSatisfying(peer -> assertThat(peer.username()).isNull());
    }

    @Test
    void nothingExpiresByDefault() {
        this.storage = redis.storage().sessionName(this.sessionName).build();
        fill();
        List<String> keys = redis.scan(new RedisKeys(redis.keyPrefix).sessionPattern(this.sessionName));
        assertThat(keys).hasSize(9);
        keys.forEach(this::assertNoTtl);
    }

    @Test
    void expiredPeersAndConversationsAreGoneButTheSessionStays() throws InterruptedException {
        this.storage = redis.storage().peerTtl(Duration.ofMillis(150)).conversationTtl(Duration.ofMillis(150))
            .sessionName(this.sessionName).build();
        fill();
        Thread.sleep(400);
        assertThat(this.storage.loadPeer(1)).isEmpty();
        assertThat(this.storage.loadPeerByUsername("ttl_user")).isEmpty();
        assertThat(this.storage.loadConversation(10, 20)).isEmpty();
        assertThat(this.storage.loadSession(this.sessionName)).isPresent();
        assertThat(this.storage.getUserId()).hasValue(7);
        assertThat(this.storage.getUpdateState(1)).isPresent();
        assertThat(this.storage.allPeers()).isEmpty();
        assertThat(this.storage.allConversations()).isEmpty();
        assertThat(this.storage.sessionNames()).contains(this.sessionName);
    }

    @Test
    void expiredPeersLeaveTheIndexAFewAtATimeOnLaterSaves() throws InterruptedException {
        RedisKeys keys = new RedisKeys(redis.keyPrefix);
        this.storage = redis.storage().peerTtl(Duration.ofMillis(150)).sessionName(this.sessionName).build();
        this.storage.savePeers(List.of(user(1, null), user(2, null), user(3, null)));
        Thread.sleep(300);
        this.storage.savePeer(user(4, null));
        assertThat(redis.redis.opsForZSet().range(keys.peerIndex(this.sessionName), 0, -1)).containsExactly("4");
    }

    private void fill() {
        this.storage.saveSession(Session.builder(this.sessionName).dcId(2).authKey(new byte[256]).build());
        this.storage.setUserId(7);
        this.storage.setUpdateState(1, new byte[] { 1, 2 });
        this.storage.savePeers(List.of(user(1, "ttl_user"), user(2, null)));
        this.storage.saveConversation(Conversation.builder(10, 20).step("ask").build());
    }

    private static Peer user(long id, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(id * 11).username(username).build();
    }

    private void assertTtl(String key, Duration ttl) {
        Long remaining = redis.redis.getExpire(key, TimeUnit.MILLISECONDS);
        assertThat(remaining).as("PTTL of %s", key).isPositive().isLessThanOrEqualTo(ttl.toMillis())
            .isGreaterThan(ttl.toMillis() - 60_000);
    }

    private void assertNoTtl(String key) {
        assertThat(redis.redis.getExpire(key, TimeUnit.MILLISECONDS)).as("PTTL of %s", key).isEqualTo(-1L);
    }

}
