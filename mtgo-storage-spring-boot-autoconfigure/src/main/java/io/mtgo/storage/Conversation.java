package io.mtgo.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The state of a multi-step bot dialog with one user in one chat: which dialog it is
 * ({@link #name()}), where it stands ({@link #step()}) and what was collected so far
 * ({@link #data()}). Immutable; build one with {@link #builder(long, long)}.
 * <p>
 * Every backend stores what the builder accepts: at most {@link #MAX_DATA_ENTRIES} entries, keys of
 * at most {@link Arguments#MAX_TEXT_LENGTH} chars, values of at most {@link #MAX_DATA_VALUE_LENGTH}
 * chars, and all of it at most {@link #MAX_DATA_SIZE} bytes encoded. Past any of these,
 * {@link Builder#build()} throws {@link IllegalArgumentException}, so nothing oversize reaches a
 * backend.
 */
public final class Conversation {

    /** Most entries {@link #data()} may hold. */
    public static final int MAX_DATA_ENTRIES = 1_024;

    /** Longest data value accepted, in chars. */
    public static final int MAX_DATA_VALUE_LENGTH = 16_384;

    /**
     * Largest size of {@link #data()} as every backend stores it: the UTF-8 bytes of its JSON
     * encoding ({@link ConversationData#encode}), 256 KiB. Chosen so that every backend stores it with
     * room to spare: H2 and PostgreSQL columns of 1,048,576 chars (a char never takes less than one
     * byte here), MariaDB/MySQL {@code MEDIUMTEXT} (16 MiB) and the smallest default
     * {@code max_allowed_packet} (4 MiB, MySQL 5.7), SQLite, Redis string values, and MongoDB's 16 MiB
     * documents. {@link ConversationData#encodedSize} measures it.
     */
    public static final int MAX_DATA_SIZE = 262_144;

    private final long chatId;

    private final long userId;

    private final @Nullable String name;

    private final @Nullable String step;

    private final Map<String, String> data;

    private final long createdAt;

    private final long updatedAt;

    private Conversation(Builder builder) {
        this.chatId = builder.chatId;
        this.userId = builder.userId;
        this.name = Arguments.optionalText(builder.name, Arguments.MAX_TEXT_LENGTH, "name");
        this.step = Arguments.optionalText(builder.step, Arguments.MAX_TEXT_LENGTH, "step");
        this.data = copyData(builder.data);
        if (builder.createdAt < 0) {
            throw new IllegalArgumentException("createdAt must not be negative but was " + builder.createdAt);
        }
        if (builder.updatedAt < 0) {
            throw new IllegalArgumentException("updatedAt must not be negative but was " + builder.updatedAt);
        }
        this.createdAt = builder.createdAt;
        this.updatedAt = builder.updatedAt;
    }

    private static Map<String, String> copyData(Map<String, String> data) {
        if (data.isEmpty()) {
            return Map.of();
        }
        if (data.size() > MAX_DATA_ENTRIES) {
            throw new IllegalArgumentException("data must hold at most " + MAX_DATA_ENTRIES + " entries but held " + data.size());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            Arguments.requireText(key, Arguments.MAX_TEXT_LENGTH, "data key");
            copy.put(key, Arguments.requireText(value, MAX_DATA_VALUE_LENGTH, "data['" + key + "']"));
        });
        long size = ConversationData.encodedSize(copy);
        if (size > MAX_DATA_SIZE) {
            throw new IllegalArgumentException("data must encode to at most " + MAX_DATA_SIZE
                    + " bytes (UTF-8 JSON, see ConversationData) but encodes to " + size);
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Starts the conversation of a chat and user.
     * @param chatId the chat id
     * @param userId the user id
     * @return a builder
     */
    public static Builder builder(long chatId, long userId) {
        return new Builder(chatId, userId);
    }

    /**
     * Returns a builder holding this conversation's values.
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this.chatId, this.userId).name(this.name)
            .step(this.step)
            .data(this.data)
            .createdAt(this.createdAt)
            .updatedAt(this.updatedAt);
    }

    /** @return the chat id */
    public long chatId() {
        return this.chatId;
    }

    /** @return the user id */
    public long userId() {
        return this.userId;
    }

    /** @return which dialog this is, or {@code null} */
    public @Nullable String name() {
        return this.name;
    }

    /** @return the dialog's current step, or {@code null} */
    public @Nullable String step() {
        return this.step;
    }

    /** @return what the dialog collected so far, in insertion order; never {@code null} */
    public Map<String, String> data() {
        return this.data;
    }

    /** @return when the conversation was first saved, in epoch milliseconds (0 before saving) */
    public long createdAt() {
        return this.createdAt;
    }

    /** @return when the conversation was last saved, in epoch milliseconds (0 before saving) */
    public long updatedAt() {
        return this.updatedAt;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Conversation that)) {
            return false;
        }
        return this.chatId == that.chatId && this.userId == that.userId && this.createdAt == that.createdAt
                && this.updatedAt == that.updatedAt && Objects.equals(this.name, that.name)
                && Objects.equals(this.step, that.step) && this.data.equals(that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.chatId, this.userId, this.name, this.step, this.data, this.createdAt, this.updatedAt);
    }

    /** Identifies the conversation; leaves out the collected data, which may be personal. */
    @Override
    public String toString() {
        return "Conversation{chatId=" + this.chatId + ", userId=" + this.userId + ", name=" + this.name + ", step="
                + this.step + ", data=" + this.data.size() + " entries}";
    }

    /**
     * Builds a {@link Conversation}; {@link #build()} validates every field.
     */
    public static final class Builder {

        private final long chatId;

        private final long userId;

        private @Nullable String name;

        private @Nullable String step;

        private Map<String, String> data = Map.of();

        private long createdAt;

        private long updatedAt;

        private Builder(long chatId, long userId) {
            this.chatId = chatId;
            this.userId = userId;
        }

        /** @param name which dialog this is, or {@code null} @return this builder */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /** @param step the current step, or {@code null} @return this builder */
        public Builder step(@Nullable String step) {
            this.step = step;
            return this;
        }

        /** @param data collected values, not {@code null} (copied at build) @return this builder */
        public Builder data(Map<String, String> data) {
            this.data = Arguments.requireNonNull(data, "data");
            return this;
        }

        /** @param createdAt epoch milliseconds; 0 lets the storage keep or set it @return this builder */
        public Builder createdAt(long createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** @param updatedAt epoch milliseconds; 0 lets the storage set it @return this builder */
        public Builder updatedAt(long updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Validates the values and builds the conversation.
         * @return the conversation
         * @throws IllegalArgumentException naming the first invalid field
         */
        public Conversation build() {
            return new Conversation(this);
        }

    }

}
