package io.mtgo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads back everything a storage holds, for copying it to another backend
 * ({@link StorageCopy}). Every built-in storage implements it. Peers can be read a page at a time
 * ({@link #forEachPeerPage}), so a copy never holds a whole session's peer cache; the other lists
 * are small and materialised. Use it for migrations, not on a hot path.
 */
public interface StorageContents {

    /**
     * Returns the name of every session that holds anything: a session record, peers, metadata,
     * update state or conversations.
     * @return the session names
     */
    List<String> sessionNames();

    /**
     * Returns every cached peer of this storage's session, all in memory at once; prefer
     * {@link #forEachPeerPage} for large caches.
     * @return the peers
     */
    List<Peer> allPeers();

    /**
     * Hands every cached peer of this storage's session to {@code page}, at most
     * {@code pageSize} at a time. Built-in backends read one page from the server per call, so
     * memory stays bounded by the page size; a peer saved or deleted while the walk runs may or
     * may not be seen. This default reads {@link #allPeers()} and splits it.
     * @param pageSize the most peers per page, at least 1
     * @param page receives each page (never empty)
     */
    default void forEachPeerPage(int pageSize, Consumer<List<Peer>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1 but was " + pageSize);
        }
        List<Peer> all = allPeers();
        for (int start = 0; start < all.size(); start += pageSize) {
            page.accept(new ArrayList<>(all.subList(start, Math.min(all.size(), start + pageSize))));
        }
    }

    /**
     * Returns the update state of every DC of this storage's session.
     * @return DC id to state bytes
     */
    Map<Integer, byte[]> allUpdateStates();

    /**
     * Returns every conversation of this storage's session.
     * @return the conversations
     */
    List<Conversation> allConversations();

}
