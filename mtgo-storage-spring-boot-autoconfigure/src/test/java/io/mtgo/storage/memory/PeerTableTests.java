package io.mtgo.storage.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Usernames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-addressing tables behind {@link MemoryStorage}, against {@link HashMap} under random
 * puts and removes over a small key space (so probe chains collide and wrap often).
 */
class PeerTableTests {

    @Test
    void peerTableBehavesLikeAMap() {
        Random random = new Random(42);
        PeerTable table = new PeerTable();
        Map<Long, Peer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // The table is keyed by marked id: users, chats and channels sharing plain ids, negative keys included.
            long plainId = 1 + random.nextInt(1000) * 1_000_003L;
            PeerType type = PeerType.values()[random.nextInt(PeerType.values().length)];
            long markedId = PeerIds.mark(type, plainId);
            if (random.nextInt(3) == 0) {
                assertThat(table.remove(markedId)).isEqualTo(reference.remove(markedId));
            }
            else {
                Peer peer = Peer.builder(plainId, type).accessHash(i).build();
                assertThat(table.put(peer)).isEqualTo(reference.put(markedId, peer));
            }
            if (i % 1000 == 0) {
                assertThat(table.size()).isEqualTo(reference.size());
                reference.forEach((key, value) -> assertThat(table.get(key)).isSameAs(value));
            }
        }
    }

    @Test
    void usernameIndexBehavesLikeAMapIgnoringCase() {
        Random random = new Random(7);
        UsernameIndex index = new UsernameIndex();
        Map<String, Peer> reference = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String name = "name_" + random.nextInt(2000);
            String key = Usernames.key(name, "username");
            if (random.nextInt(3) == 0) {
                Peer holder = reference.get(key);
                index.remove(key, holder);
                reference.remove(key);
            }
            else {
                String shown = random.nextBoolean() ? name.toUpperCase() : name;
                Peer peer = Peer.builder(i + 1, PeerType.USER).username(shown).build();
                index.put(peer);
                reference.put(key, peer);
            }
            if (i % 1000 == 0) {
                reference.forEach((k, v) -> assertThat(index.get(k)).isSameAs(v));
                assertThat(index.get("name_absent")).isNull();
            }
        }
    }

}
