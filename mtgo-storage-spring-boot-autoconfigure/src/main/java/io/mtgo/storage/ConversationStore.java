package io.mtgo.storage;

import java.util.Optional;

/**
 * State of multi-step bot dialogs, one {@link Conversation} per chat and user, scoped to a session
 * like the rest of a {@link Storage}. Every built-in {@link Storage} implements this interface too.
 */
public interface ConversationStore {

    /**
     * Saves a conversation, replacing the stored one of the same chat and user. When
     * {@link Conversation#createdAt()} is 0, the stored creation time is kept (or now is used for a
     * new conversation); when {@link Conversation#updatedAt()} is 0, now is used.
     * @param conversation the conversation to save
     */
    void saveConversation(Conversation conversation);

    /**
     * Loads the conversation of a chat and user.
     * @param chatId the chat id
     * @param userId the user id
     * @return the conversation, or empty when none is stored
     */
    Optional<Conversation> loadConversation(long chatId, long userId);

    /**
     * Deletes the conversation of a chat and user; deleting an absent one is a no-op.
     * @param chatId the chat id
     * @param userId the user id
     */
    void deleteConversation(long chatId, long userId);

}
