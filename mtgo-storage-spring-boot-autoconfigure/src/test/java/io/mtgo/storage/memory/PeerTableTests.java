package io.mtgo.storage.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.mtgo.storage.Peer;
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
            long id = (random.nextInt(3000) - 1500) * 1_000_003L + 1;
            if (random.nextInt(3) == 0) {
                assertThat(table.remove(id)).isEqualTo(reference.remove(id));
            }
            else {
                Peer peer = Peer.builder(id, PeerType.USER).accessHash(i).build();
                assertThat(table.put(peer)).isEqualTo(reference.put(id, peer));
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
