package io.mtgo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies everything from one storage to another, whatever their backends: every session with its
 * auth key, peers, metadata, update state and conversations. Existing records of the same keys in
 * the target are replaced; nothing else in the target changes.
 */
public final class StorageCopy {

    private static final int PEER_BATCH = 1_000;

    private StorageCopy() {
    }

    /**
     * What a copy moved.
     * @param sessions sessions copied
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
     */
    public static Counts copy(Storage source, Storage target) {
        StorageContents contents = contentsOf(source);
        int sessions = 0;
        int peers = 0;
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
            List<Peer> all = fromContents.allPeers();
            for (int start = 0; start < all.size(); start += PEER_BATCH) {
                to.savePeers(new ArrayList<>(all.subList(start, Math.min(all.size(), start + PEER_BATCH))));
            }
            peers += all.size();
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
        return new Counts(sessions, peers, states, conversations);
    }

    private static StorageContents contentsOf(Storage storage) {
        if (storage instanceof StorageContents contents) {
            return contents;
        }
        throw new IllegalArgumentException("source of type " + storage.getClass().getName()
                + " cannot list what it holds: it does not implement io.mtgo.storage.StorageContents");
    }

}
