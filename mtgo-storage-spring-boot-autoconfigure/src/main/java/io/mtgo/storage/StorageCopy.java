package io.mtgo.storage;

import java.util.Map;

/**
 * Copies everything from one storage to another, whatever their backends: every session that
 * holds anything (also one with peers, metadata or update state but no session record), with its
 * auth key, peers, metadata, update state and conversations. Existing records of the same keys in
 * the target are replaced; nothing else in the target changes.
 * <p>
 * Peers are read and written a page at a time ({@link StorageContents#forEachPeerPage}), so a copy
 * holds at most one page of peers in memory, whatever the size of the source.
 */
public final class StorageCopy {

    /** Peers per read from the source and per {@code savePeers} on the target. */
    private static final int PEER_PAGE = 1_000;

    private StorageCopy() {
    }

    /**
     * What a copy moved.
     * @param sessions sessions copied: every session name the source listed, with or without a
     * session record
     * @param peers peers copied
     * @param updateStates update states copied
     * @param conversations conversations copied
     */
    public record Counts(int sessions, int peers, int updateStates, int conversations) {
    }

    /**
     * Copies every session of {@code source} into {@code target}.
     * @param source a built-in storage (or any that implements {@link StorageContents})
     * @param target any storage
     * @return what was copied
     * @throws IllegalArgumentException when {@code source} or {@code target} is null, before anything is copied
     */
    public static Counts copy(Storage source, Storage target) {
        Arguments.requireNonNull(source, "source");
        Arguments.requireNonNull(target, "target");
        StorageContents contents = contentsOf(source);
        int sessions = 0;
        int[] peers = { 0 };
        int states = 0;
        int conversations = 0;
        for (String name : contents.sessionNames()) {
            Storage from = source.forSession(name);
            Storage to = target.forSession(name);
            StorageContents fromContents = contentsOf(from);
            from.loadSession(name).ifPresent(to::saveSession);
            sessions++;
            from.getUserId().ifPresent(to::setUserId);
            from.getIsBot().ifPresent(to::setIsBot);
            from.getFirstName().ifPresent(to::setFirstName);
            from.getLastName().ifPresent(to::setLastName);
            from.getUsername().ifPresent(to::setUsername);
            fromContents.forEachPeerPage(PEER_PAGE, page -> {
                to.savePeers(page);
                peers[0] += page.size();
            });
            for (Map.Entry<Integer, byte[]> state : fromContents.allUpdateStates().entrySet()) {
                to.setUpdateState(state.getKey(), state.getValue());
                states++;
            }
            if (from instanceof ConversationStore && to instanceof ConversationStore targetConversations) {
                for (Conversation conversation : fromContents.allConversations()) {
                    targetConversations.saveConversation(conversation);
                    conversations++;
                }
            }
        }
        return new Counts(sessions, peers[0], states, conversations);
    }

    private static StorageContents contentsOf(Storage storage) {
        if (storage instanceof StorageContents contents) {
            return contents;
        }
        throw new IllegalArgumentException("source of type " + storage.getClass().getName()
                + " cannot list what it holds: it does not implement io.mtgo.storage.StorageContents");
    }

}
