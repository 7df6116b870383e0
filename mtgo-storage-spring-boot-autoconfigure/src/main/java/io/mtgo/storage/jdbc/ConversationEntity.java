package io.mtgo.storage.jdbc;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A row of {@code mtgo_conversations}: one dialog state per session, chat and user. {@code data}
 * is {@link io.mtgo.storage.ConversationData} JSON.
 */
@Entity(name = "MtgoConversation")
@Table(name = "mtgo_conversations")
@IdClass(ConversationEntity.Key.class)
public class ConversationEntity {

    @Id
    @Column(name = "session_name", length = 128, nullable = false)
    String sessionName;

    @Id
    @Column(name = "chat_id", nullable = false)
    long chatId;

    @Id
    @Column(name = "user_id", nullable = false)
    long userId;

    @Column(name = "dialog_name", length = 255)
    String name;

    @Column(name = "step", length = 255)
    String step;

    @Column(name = "data", length = 1048576, nullable = false)
    String data;

    @Column(name = "created_ms", nullable = false)
    long createdAt;

    @Column(name = "updated_ms", nullable = false)
    long updatedAt;

    /** For JPA. */
    protected ConversationEntity() {
    }

    /**
     * The composite key.
     * @param sessionName the session
     * @param chatId the chat id
     * @param userId the user id
     */
    public record Key(String sessionName, long chatId, long userId) implements Serializable {
    }

}
