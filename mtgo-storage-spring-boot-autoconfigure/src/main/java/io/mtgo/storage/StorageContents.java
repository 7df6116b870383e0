package io.mtgo.storage;

import java.util.List;
import java.util.Map;

/**
 * Reads back everything a storage holds, for copying it to another backend
 * ({@link StorageCopy}). Every built-in storage implements it; lists are materialised, so use it
 * for migrations, not on a hot path.
 */
public interface StorageContents {

    /**
     * Returns the names of every stored session.
     * @return the session names
     */
    List<String> sessionNames();

    /**
     * Returns every cached peer of this storage's session.
     * @return the peers
     */
    List<Peer> allPeers();

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
