package io.mtgo.storage.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.lettuce.core.cluster.SlotHash;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Session names full of Redis metacharacters against real keys: each session's keys carry exactly
 * its own hash tag (one Cluster slot), its SCAN pattern matches its own keys only, and
 * {@code deleteSession} removes all of its keys and none of anyone else's.
 */
class RedisStorageKeyIsolationTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("isolation");

    private static RedisStorage storage;

    private final String base = "iso-" + UUID.randomUUID().toString().substring(0, 8);

    /** Names that would collide, break a hash tag or widen a SCAN pattern if written raw. */
    private final List<String> tricky = List.of(this.base, this.base + ":*", this.base + "*", this.base + "}{x",
            this.base + "{x}", this.base + " two words", this.base + "\\", this.base + "?", this.base + "[ab]",
            this.base + "%7B", this.base + "{", this.base + ":peer:1", this.base + "é🚀");

    @BeforeAll
    static void buildStorage() {
        storage = redis.storage().sessionName("isolation-default").build();
    }


    @Test
    void everyKeyOfASessionCarriesOnlyItsOwnHashTagAndSharesOneSlot() {
        this.tricky.forEach(this::fill);
        Map<String, Set<String>> keysBySession = keysBySession();
        assertThat(keysBySession.keySet()).containsAll(this.tricky);
        for (String name : this.tricky) {
            Set<String> keys = keysBySession.get(name);
            assertThat(keys).as(name).hasSize(8);
            Set<Integer> slots = keys.stream().map(SlotHash::getSlot).collect(Collectors.toSet());
            assertThat(slots).as("slots of %s", name).containsExactly(SlotHash.getSlot("{" + RedisKeys.encodeSessionName(name) + "}"));
        }
    }

    @Test
    void scanPatternOfASessionMatchesItsOwnKeysOnly() {
        this.tricky.forEach(this::fill);
        Map<String, Set<String>> keysBySession = keysBySession();
        RedisKeys keys = new RedisKeys(redis.keyPrefix);
        for (String name : this.tricky) {
            assertThat(Set.copyOf(redis.scan(keys.sessionPattern(name)))).as(name).isEqualTo(keysBySession.get(name));
        }
    }

    @Test
    void deleteSessionRemovesEveryKeyOfThatSessionAndNoKeyOfAnother() {
        this.tricky.forEach(this::fill);
        Map<String, Set<String>> before = keysBySession();
        for (String doomed : List.of(this.base + ":*", this.base + "*", this.base + "{x}")) {
            storage.deleteSession(doomed);
            before.remove(doomed);
            Map<String, Set<String>> after = keysBySession();
            assertThat(after).as("after deleting %s", doomed).doesNotContainKey(doomed);
            before.forEach((name, keys) -> assertThat(after.get(name)).as(name).isEqualTo(keys));
            assertThat(storage.sessionNames()).as("registry after deleting %s", doomed).doesNotContain(doomed)
                .containsAll(before.keySet());
        }
        Storage survivor = storage.forSession(this.base);
        assertThat(survivor.loadSession(this.base)).isPresent();
        assertThat(survivor.loadPeerByUsername("peer_two")).map(Peer::id).contains(2L);
    }

    @Test
    void sessionNameEncodingIsReversibleAndHoldsNoMetacharacter() {
        for (String name : this.tricky) {
            String encoded = RedisKeys.encodeSessionName(name);
            assertThat(encoded).matches("[A-Za-z0-9_.%-]+");
            assertThat(RedisKeys.decodeSessionName(encoded)).isEqualTo(name);
        }
        assertThat(RedisKeys.encodeSessionName("a%7B")).isNotEqualTo(RedisKeys.encodeSessionName("a{"));
        assertThat(RedisKeys.encodeSessionName("Bot")).isNotEqualTo(RedisKeys.encodeSessionName("bot"));
    }

    @Test
    void usernamesWithKeyMetacharactersNeverReachRedis() {
        for (String username : List.of("user:name", "user*name", "user{x}", "user name", "user\\x")) {
            assertThatIllegalArgumentException().isThrownBy(() -> storage.loadPeerByUsername(username))
                .withMessageContaining("username");
            assertThatIllegalArgumentException()
                .isThrownBy(() -> Peer.builder(9, PeerType.USER).username(username).build());
        }
    }

    @Test
    void keyPrefixMayNotMoveTheHashTag() {
        assertThatIllegalArgumentException().isThrownBy(() -> redis.storage().keyPrefix("app{x}").sessionName("s").build())
            .withMessageContaining("keyPrefix");
        assertThatIllegalArgumentException().isThrownBy(() -> redis.storage().keyPrefix("").sessionName("s").build())
            .withMessageContaining("keyPrefix");
    }

    /**
     * Writes one key of every kind: session, metadata, update state, peer, peer index, username
     * hash, conversation, conversation index.
     */
    private void fill(String name) {
        Storage s = storage.forSession(name);
        s.saveSession(Session.builder(name).dcId(2).build());
        s.setUserId(2);
        s.setUpdateState(2, new byte[] { 2 });
        s.savePeer(Peer.builder(2, PeerType.USER).accessHash(2).username("peer_two").build());
        ((RedisStorage) s).saveConversation(Conversation.builder(2, 2).step("two").build());
    }

    /** Groups every key under the test prefix by the session its hash tag decodes to. */
    private Map<String, Set<String>> keysBySession() {
        Map<String, Set<String>> bySession = new HashMap<>();
        String start = redis.keyPrefix + ":{";
        String registry = new RedisKeys(redis.keyPrefix).registry();
        for (String key : redis.allKeys()) {
            if (key.equals(registry)) {
                continue;
            }
            assertThat(key).startsWith(start);
            int close = key.indexOf('}');
            assertThat(key.indexOf('{', start.length())).as("second '{' in %s", key).isEqualTo(-1);
            assertThat(key.indexOf('}', close + 1)).as("second '}' in %s", key).isEqualTo(-1);
            String session = RedisKeys.decodeSessionName(key.substring(start.length(), close));
            bySession.computeIfAbsent(session, k -> new java.util.HashSet<>()).add(key);
        }
        return bySession;
    }

}
