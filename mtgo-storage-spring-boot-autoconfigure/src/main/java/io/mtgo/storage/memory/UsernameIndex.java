package io.mtgo.storage.memory;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;
import org.jspecify.annotations.Nullable;

/**
 * The peer holding each username, in open addressing keyed by the peer's own username compared
 * case-insensitively (through the lower-case key the peer keeps): no map node per entry, a
 * reference and an int a slot (8 to 16 bytes a named peer, against about 50 in a {@code HashMap}). Each slot's hash is kept
 * beside it, so a probe that passes other names compares two ints instead of following the peer to
 * its key and that key to its characters (three cache misses a probe on a large table). Not
 * thread-safe: {@link SessionData} guards it; the slots and their hashes are swapped together, so
 * an optimistic reader never sees arrays of two sizes.
 */
final class UsernameIndex {

    /** Slot {@code i} holds {@code peers[i]}, whose key hashes to {@code hashes[i]}. */
    private record Table(Peer[] peers, int[] hashes) {

        Table(int capacity) {
            this(new Peer[capacity], new int[capacity]);
        }

    }

    private Table table = new Table(16);

    private int size;

    /** @param key a lower-case username key */
    @Nullable Peer get(String key) {
        Table table = this.table;
        Peer[] peers = table.peers;
        int[] hashes = table.hashes;
        int mask = peers.length - 1;
        int hash = hash(key);
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            Peer candidate = peers[slot];
            if (candidate == null || (hashes[slot] == hash && key.equals(keyOf(candidate)))) {
                return candidate;
            }
        }
    }

    /**
     * Makes {@code peer} the holder of its username, replacing any previous holder.
     * @return the previous holder, or {@code null}
     */
    @Nullable Peer put(Peer peer) {
        if ((this.size + 1) * 4L > this.table.peers.length * 3L) {
            resize(this.table.peers.length * 2);
        }
        String key = keyOf(peer);
        int hash = hash(key);
        Peer[] peers = this.table.peers;
        int[] hashes = this.table.hashes;
        int mask = peers.length - 1;
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            Peer candidate = peers[slot];
            if (candidate == null) {
                hashes[slot] = hash;
                peers[slot] = peer;
                this.size++;
                return null;
            }
            if (hashes[slot] == hash && key.equals(keyOf(candidate))) {
                peers[slot] = peer;
                return candidate;
            }
        }
    }

    /** Removes the entry of {@code key} (lower case) if {@code holder} holds it. */
    void remove(String key, Peer holder) {
        Peer[] peers = this.table.peers;
        int[] hashes = this.table.hashes;
        int mask = peers.length - 1;
        int hash = hash(key);
        int slot = hash & mask;
        while (peers[slot] != null && !(hashes[slot] == hash && key.equals(keyOf(peers[slot])))) {
            slot = (slot + 1) & mask;
        }
        if (peers[slot] != holder || holder == null) {
            return;
        }
        int hole = slot;
        for (int next = (hole + 1) & mask; peers[next] != null; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            boolean movable = (hole <= next) ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                peers[hole] = peers[next];
                hashes[hole] = hashes[next];
                hole = next;
            }
        }
        peers[hole] = null;
        this.size--;
    }

    private void resize(int capacity) {
        Table fresh = new Table(capacity);
        int mask = capacity - 1;
        Peer[] peers = this.table.peers;
        for (int i = 0; i < peers.length; i++) {
            if (peers[i] != null) {
                int hash = this.table.hashes[i];
                int slot = hash & mask;
                while (fresh.peers[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                fresh.peers[slot] = peers[i];
                fresh.hashes[slot] = hash;
            }
        }
        this.table = fresh;
    }

    /**
     * The peer's lower-case username: worked out once per peer and kept in it, so comparing and
     * hashing it are {@code String.equals} and the string's cached hash code. Only peers with a
     * username are indexed.
     */
    private static String keyOf(Peer peer) {
        String key = Usernames.keyOf(peer);
        if (key == null) {
            throw new IllegalStateException("peer " + peer.markedId() + " has no username to index");
        }
        return key;
    }

    private static int hash(String key) {
        return mix(key.hashCode());
    }

    private static int mix(int h) {
        // murmur3's finaliser: sequential names ("user_1", "user_2", ...) differ only in their last
        // characters, and a polynomial hash alone clusters them in linear probing (5.4 probes on
        // average, 122 at worst, for 10,000 names in 16,384 slots); mixed, 1.75 and 50.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

}
