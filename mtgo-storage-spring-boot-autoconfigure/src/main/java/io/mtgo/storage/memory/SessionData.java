package io.mtgo.storage.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;
import io.mtgo.storage.spi.PeerMerge;
import org.jspecify.annotations.Nullable;

/**
 * Everything one session holds in memory. Peers and the username index change together under the
 * write lock; peer reads are optimistic (no lock taken unless a write raced them).
 */
final class SessionData {

    private final StampedLock lock = new StampedLock();

    /** Replaced by an empty table when the session is deleted (see {@link #markDeleted()}). */
    private PeerTable peersById = new PeerTable();

    private UsernameIndex peersByUsername = new UsernameIndex();

    final Map<String, String> metadata = new ConcurrentHashMap<>();

    final Map<Integer, byte[]> updateStates = new ConcurrentHashMap<>();

    final Map<ConversationKey, Conversation> conversations = new ConcurrentHashMap<>();

    /**
     * Set under the write lock when the session is deleted; writers then retry on a fresh object.
     * Volatile for the writers of the concurrent maps above, which take no lock (see {@link #live()}).
     */
    private volatile boolean deleted;

    /**
     * Runs a change under the write lock unless the session was deleted.
     * @return whether the change ran
     */
    boolean write(Runnable change) {
        long stamp = this.lock.writeLock();
        try {
            if (this.deleted) {
                return false;
            }
            change.run();
            return true;
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /**
     * Whether the session was not deleted yet. A put into one of the concurrent maps needs no lock,
     * only this check after it: if the session is still live then, the deletion comes after the
     * put and removes it with the rest; if not, the put landed in a discarded object and the
     * writer puts again into the session's fresh one.
     */
    boolean live() {
        return !this.deleted;
    }

    /**
     * Marks the session deleted and lets go of what it held: storages that found this object keep
     * it until their next call, and one kept by an application but no longer used would otherwise
     * keep every peer of the deleted session in the heap.
     */
    void markDeleted() {
        long stamp = this.lock.writeLock();
        try {
            this.deleted = true;
            this.peersById = new PeerTable();
            this.peersByUsername = new UsernameIndex();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
        // A writer that put into one of these after the clear finds the session dead and puts again into the fresh one.
        this.metadata.clear();
        this.updateStates.clear();
        this.conversations.clear();
    }

    // The two lookups below spell out the optimistic read instead of sharing a method that takes a
    // lambda: the capturing lambda was an allocation per read, on operations of tens of nanoseconds.

    @Nullable Peer peer(long markedId) {
        long stamp = this.lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                Peer peer = this.peersById.get(markedId);
                if (this.lock.validate(stamp)) {
                    return peer;
                }
            }
            catch (RuntimeException ex) {
                // A write resized the table under the optimistic read; read again under the lock.
            }
        }
        stamp = this.lock.readLock();
        try {
            return this.peersById.get(markedId);
        }
        finally {
            this.lock.unlockRead(stamp);
        }
    }

    @Nullable Peer peerByUsername(String key) {
        long stamp = this.lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                Peer peer = this.peersByUsername.get(key);
                if (this.lock.validate(stamp)) {
                    return peer;
                }
            }
            catch (RuntimeException ex) {
                // A write resized the index under the optimistic read; read again under the lock.
            }
        }
        stamp = this.lock.readLock();
        try {
            return this.peersByUsername.get(key);
        }
        finally {
            this.lock.unlockRead(stamp);
        }
    }

    java.util.List<Peer> peers() {
        long stamp = this.lock.readLock();
        try {
            return this.peersById.values();
        }
        finally {
            this.lock.unlockRead(stamp);
        }
    }

    /** Call inside {@link #write(Runnable)}. */
    void putPeer(Peer incoming) {
        Peer stored = this.peersById.get(incoming.markedId());
        Peer merged = PeerMerge.merge(stored, incoming);
        String oldKey = (stored != null) ? Usernames.keyOf(stored) : null;
        String newKey = Usernames.keyOf(merged);
        if (stored != null && oldKey != null && !oldKey.equals(newKey)) {
            this.peersByUsername.remove(oldKey, stored);
        }
        if (newKey != null) {
            Peer holder = this.peersByUsername.put(merged);
            if (holder != null && holder.markedId() != merged.markedId()) {
                this.peersById.put(holder.toBuilder().username(null).build());
            }
        }
        this.peersById.put(merged);
    }

    /** Call inside {@link #write(Runnable)}. */
    void removePeer(long markedId) {
        Peer stored = this.peersById.remove(markedId);
        String key = (stored != null) ? Usernames.keyOf(stored) : null;
        if (stored != null && key != null) {
            this.peersByUsername.remove(key, stored);
        }
    }

    record ConversationKey(long chatId, long userId) {
    }

}
