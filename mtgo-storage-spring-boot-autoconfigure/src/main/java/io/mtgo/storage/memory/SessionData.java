package io.mtgo.storage.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerMerge;
import io.mtgo.storage.Usernames;

/**
 * Everything one session holds in memory. Reads are lock-free map lookups; every write takes this
 * object's monitor, so a peer and the username index change together.
 */
final class SessionData {

    final Map<Long, Peer> peersById = new ConcurrentHashMap<>();

    /** Username key to the peer holding it: one lookup, no boxed id in between. */
    final Map<String, Peer> peersByUsername = new ConcurrentHashMap<>();

    final Map<String, String> metadata = new ConcurrentHashMap<>();

    final Map<Integer, byte[]> updateStates = new ConcurrentHashMap<>();

    final Map<ConversationKey, Conversation> conversations = new ConcurrentHashMap<>();

    /** Set under the monitor when the session is deleted; writers then retry on a fresh object. */
    boolean deleted;

    /** Call with the monitor held. */
    void putPeer(Peer incoming) {
        Peer stored = this.peersById.get(incoming.id());
        Peer merged = PeerMerge.merge(stored, incoming);
        String oldKey = (stored != null) ? Usernames.keyOf(stored.username()) : null;
        String newKey = Usernames.keyOf(merged.username());
        if (oldKey != null && !oldKey.equals(newKey)) {
            this.peersByUsername.remove(oldKey, stored);
        }
        if (newKey != null) {
            Peer holder = this.peersByUsername.get(newKey);
            if (holder != null && holder.id() != merged.id()) {
                this.peersById.put(holder.id(), holder.toBuilder().username(null).build());
            }
            this.peersByUsername.put(newKey, merged);
        }
        this.peersById.put(merged.id(), merged);
    }

    /** Call with the monitor held. */
    void removePeer(long id) {
        Peer stored = this.peersById.remove(id);
        if (stored != null && stored.username() != null) {
            this.peersByUsername.remove(Usernames.keyOf(stored.username()), stored);
        }
    }

    record ConversationKey(long chatId, long userId) {
    }

}
