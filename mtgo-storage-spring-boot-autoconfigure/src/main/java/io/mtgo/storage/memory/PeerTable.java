package io.mtgo.storage.memory;

import io.mtgo.storage.Peer;
import org.jspecify.annotations.Nullable;

/**
 * Peers by marked id (see PeerIds) in open addressing with linear probing: a {@code long[]} of ids beside a
 * {@code Peer[]}, so a peer costs two array slots instead of a boxed key and a hash-map node
 * (about 25 bytes instead of 56 at a million peers). Id 0 marks an empty slot; {@link Peer}
 * rejects it as an id. Not thread-safe: {@link SessionData} guards it.
 */
final class PeerTable {

    private static final int INITIAL_CAPACITY = 16;

    private long[] ids = new long[INITIAL_CAPACITY];

    private Peer[] peers = new Peer[INITIAL_CAPACITY];

    private int size;

    @Nullable Peer get(long id) {
        long[] ids = this.ids;
        Peer[] peers = this.peers;
        int mask = ids.length - 1;
        for (int slot = slot(id, mask);; slot = (slot + 1) & mask) {
            long candidate = ids[slot];
            if (candidate == id) {
                return peers[slot];
            }
            if (candidate == 0) {
                return null;
            }
        }
    }

    @Nullable Peer put(Peer peer) {
        if ((this.size + 1) * 4L > this.ids.length * 3L) {
            resize(this.ids.length * 2);
        }
        long id = peer.markedId();
        int mask = this.ids.length - 1;
        for (int slot = slot(id, mask);; slot = (slot + 1) & mask) {
            long candidate = this.ids[slot];
            if (candidate == id) {
                Peer previous = this.peers[slot];
                this.peers[slot] = peer;
                return previous;
            }
            if (candidate == 0) {
                this.ids[slot] = id;
                this.peers[slot] = peer;
                this.size++;
                return null;
            }
        }
    }

    @Nullable Peer remove(long id) {
        int mask = this.ids.length - 1;
        int slot = slot(id, mask);
        while (this.ids[slot] != id) {
            if (this.ids[slot] == 0) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
        Peer removed = this.peers[slot];
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = slot;
        for (int next = (hole + 1) & mask; this.ids[next] != 0; next = (next + 1) & mask) {
            int home = slot(this.ids[next], mask);
            boolean movable = (hole <= next) ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                this.ids[hole] = this.ids[next];
                this.peers[hole] = this.peers[next];
                hole = next;
            }
        }
        this.ids[hole] = 0;
        this.peers[hole] = null;
        this.size--;
        return removed;
    }

    java.util.List<Peer> values() {
        java.util.List<Peer> values = new java.util.ArrayList<>(this.size);
        for (Peer peer : this.peers) {
            if (peer != null) {
                values.add(peer);
            }
        }
        return values;
    }

    int size() {
        return this.size;
    }

    private void resize(int capacity) {
        long[] oldIds = this.ids;
        Peer[] oldPeers = this.peers;
        long[] newIds = new long[capacity];
        Peer[] newPeers = new Peer[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                int slot = slot(oldIds[i], mask);
                while (newIds[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                newIds[slot] = oldIds[i];
                newPeers[slot] = oldPeers[i];
            }
        }
        // Peers before ids: a racing optimistic reader that sees the new ids finds the new peers.
        this.peers = newPeers;
        this.ids = newIds;
    }

    private static int slot(long id, int mask) {
        long mixed = id * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

}
