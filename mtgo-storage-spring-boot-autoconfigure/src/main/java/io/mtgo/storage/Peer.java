package io.mtgo.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.mtgo.storage.spi.PeerMerge;
import org.jspecify.annotations.Nullable;

/**
 * A cached Telegram peer (user, chat or channel) with what a client needs to address it.
 * Immutable; build one with {@link #builder(long, PeerType)} and change one with
 * {@link #toBuilder()}.
 * <p>
 * {@link #username()} is the peer's primary username, the one {@link Storage#loadPeerByUsername}
 * finds; {@link #usernames()} lists every active username (collectible ones included) and is stored
 * as data. Usernames are kept in their original case without {@code @}.
 */
public final class Peer {

    /** Longest phone number accepted, in digits. */
    public static final int MAX_PHONE_LENGTH = 32;

    /** Longest language code accepted. */
    public static final int MAX_LANGUAGE_LENGTH = 16;

    /** Most usernames one peer may list. */
    public static final int MAX_USERNAMES = 64;

    private final long id;

    private final PeerType type;

    private final long accessHash;

    private final @Nullable String username;

    private final List<String> usernames;

    private final @Nullable String firstName;

    private final @Nullable String lastName;

    private final @Nullable String phoneNumber;

    private final boolean bot;

    private final long photoId;

    private final @Nullable String language;

    private final long lastUpdated;

    private final boolean min;

    /**
     * {@link Usernames#keyOf(Peer)}, worked out on first use: a batch asks for it several times a
     * peer (its plan, its statements). Racy but safe, as {@code String.hashCode}: any thread works
     * out the same immutable string.
     */
    private @Nullable String usernameKey;

    private Peer(Builder builder) {
        this.type = Arguments.requireNonNull(builder.type, "type");
        this.id = PeerIds.requireValid(builder.type, builder.id, "id");
        this.accessHash = builder.accessHash;
        this.username = (builder.username != null) ? Usernames.display(builder.username, "username") : null;
        this.usernames = copyUsernames(builder.usernames);
        this.firstName = Arguments.optionalText(builder.firstName, Arguments.MAX_TEXT_LENGTH, "firstName");
        this.lastName = Arguments.optionalText(builder.lastName, Arguments.MAX_TEXT_LENGTH, "lastName");
        this.phoneNumber = checkPhone(builder.phoneNumber);
        this.bot = builder.bot;
        this.photoId = builder.photoId;
        this.language = Arguments.optionalText(builder.language, MAX_LANGUAGE_LENGTH, "language");
        if (builder.lastUpdated < 0) {
            throw new IllegalArgumentException("lastUpdated must not be negative but was " + builder.lastUpdated);
        }
        this.lastUpdated = builder.lastUpdated;
        this.min = builder.min;
    }

    /** A copy of already validated values with another timestamp: nothing to check again. */
    private Peer(Peer source, long lastUpdated) {
        this.type = source.type;
        this.id = source.id;
        this.accessHash = source.accessHash;
        this.username = source.username;
        this.usernameKey = source.usernameKey;
        this.usernames = source.usernames;
        this.firstName = source.firstName;
        this.lastName = source.lastName;
        this.phoneNumber = source.phoneNumber;
        this.bot = source.bot;
        this.photoId = source.photoId;
        this.language = source.language;
        this.lastUpdated = lastUpdated;
        this.min = source.min;
    }

    private static List<String> copyUsernames(List<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        if (usernames.size() > MAX_USERNAMES) {
            throw new IllegalArgumentException("usernames must hold at most " + MAX_USERNAMES + " entries but held "
                    + usernames.size());
        }
        List<String> copy = new ArrayList<>(usernames.size());
        for (int i = 0; i < usernames.size(); i++) {
            copy.add(Usernames.display(usernames.get(i), "usernames[" + i + "]"));
        }
        return Collections.unmodifiableList(copy);
    }

    private static @Nullable String checkPhone(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.startsWith("+") ? phone.substring(1) : phone;
        if (digits.isEmpty() || digits.length() > MAX_PHONE_LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("phoneNumber must be 1 to " + MAX_PHONE_LENGTH
                    + " digits with an optional leading '+'");
        }
        return digits;
    }

    /**
     * Starts a peer.
     * @param id the peer's plain MTProto id, positive (not a marked id: see {@link PeerIds})
     * @param type the peer's type
     * @return a builder
     */
    public static Builder builder(long id, PeerType type) {
        return new Builder(id, type);
    }

    /**
     * Returns a builder holding this peer's values.
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(this.id, this.type);
        builder.accessHash = this.accessHash;
        builder.username = this.username;
        builder.usernames = this.usernames;
        builder.firstName = this.firstName;
        builder.lastName = this.lastName;
        builder.phoneNumber = this.phoneNumber;
        builder.bot = this.bot;
        builder.photoId = this.photoId;
        builder.language = this.language;
        builder.lastUpdated = this.lastUpdated;
        builder.min = this.min;
        return builder;
    }

    /** @return the peer's plain MTProto id; with {@link #type()} it names the peer */
    public long id() {
        return this.id;
    }

    /** @return the peer's marked (Bot API) id, unique across types: see {@link PeerIds} */
    public long markedId() {
        return PeerIds.mark(this.type, this.id);
    }

    /** @return the peer's type */
    public PeerType type() {
        return this.type;
    }

    /** @return the access hash, 0 when unknown (basic chats have none) */
    public long accessHash() {
        return this.accessHash;
    }

    /** @return the primary username without {@code @}, in its original case, or {@code null} */
    public @Nullable String username() {
        return this.username;
    }

    /** @return every active username without {@code @}; empty when none was given */
    public List<String> usernames() {
        return this.usernames;
    }

    /** @return the first name (or a chat's title), or {@code null} */
    public @Nullable String firstName() {
        return this.firstName;
    }

    /** @return the last name, or {@code null} */
    public @Nullable String lastName() {
        return this.lastName;
    }

    /** @return the phone number as digits without {@code +}, or {@code null} */
    public @Nullable String phoneNumber() {
        return this.phoneNumber;
    }

    /** @return whether the peer is a bot */
    public boolean bot() {
        return this.bot;
    }

    /** @return the current profile photo id, or 0 */
    public long photoId() {
        return this.photoId;
    }

    /** @return the peer's language code, or {@code null} */
    public @Nullable String language() {
        return this.language;
    }

    /** @return when the peer was last saved, in epoch milliseconds (set by the storage when 0) */
    public long lastUpdated() {
        return this.lastUpdated;
    }

    /**
     * Returns this peer with another {@link #lastUpdated()}, the other values unchanged: what a
     * storage does to every peer it saves, without building and validating the peer again.
     * @param lastUpdated epoch milliseconds, not negative
     * @return this peer if the timestamp is its own, otherwise a copy
     */
    public Peer withLastUpdated(long lastUpdated) {
        if (lastUpdated < 0) {
            throw new IllegalArgumentException("lastUpdated must not be negative but was " + lastUpdated);
        }
        return (lastUpdated == this.lastUpdated) ? this : new Peer(this, lastUpdated);
    }

    /** The lower-cased username, worked out once per peer ({@link Usernames#keyOf(Peer)}). */
    @Nullable String usernameKey() {
        String key = this.usernameKey;
        // The first call's lower-casing is a method of its own: inlined, it made every hot caller
        // (the memory backend's username index) too big for the JIT to inline in turn.
        return (key != null || this.username == null) ? key : workOutUsernameKey(this.username);
    }

    private @Nullable String workOutUsernameKey(String username) {
        String key = Usernames.keyOf(username);
        this.usernameKey = key;
        return key;
    }

    /** @return whether this came from a "min" constructor (see {@link PeerMerge}) */
    public boolean min() {
        return this.min;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Peer that)) {
            return false;
        }
        return this.id == that.id && this.type == that.type && this.accessHash == that.accessHash && this.bot == that.bot
                && this.photoId == that.photoId && this.lastUpdated == that.lastUpdated && this.min == that.min
                && Objects.equals(this.username, that.username) && this.usernames.equals(that.usernames)
                && Objects.equals(this.firstName, that.firstName) && Objects.equals(this.lastName, that.lastName)
                && Objects.equals(this.phoneNumber, that.phoneNumber) && Objects.equals(this.language, that.language);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(this.id) * 31 + Long.hashCode(this.accessHash);
    }

    /** Identifies the peer; leaves out the access hash and phone number. */
    @Override
    public String toString() {
        return "Peer{id=" + this.id + ", type=" + this.type + ", username=" + this.username + ", min=" + this.min + "}";
    }

    /**
     * Builds a {@link Peer}; {@link #build()} validates every field.
     */
    public static final class Builder {

        private final long id;

        private final PeerType type;

        private long accessHash;

        private @Nullable String username;

        private List<String> usernames = List.of();

        private @Nullable String firstName;

        private @Nullable String lastName;

        private @Nullable String phoneNumber;

        private boolean bot;

        private long photoId;

        private @Nullable String language;

        private long lastUpdated;

        private boolean min;

        private Builder(long id, PeerType type) {
            this.id = id;
            this.type = type;
        }

        /** @param accessHash the access hash @return this builder */
        public Builder accessHash(long accessHash) {
            this.accessHash = accessHash;
            return this;
        }

        /** @param username the primary username, with or without {@code @}, or {@code null} @return this builder */
        public Builder username(@Nullable String username) {
            this.username = username;
            return this;
        }

        /** @param usernames every active username, not {@code null} @return this builder */
        public Builder usernames(List<String> usernames) {
            Arguments.requireNoNullElements(usernames, "usernames");
            this.usernames = usernames;
            return this;
        }

        /** @param firstName the first name or title, or {@code null} @return this builder */
        public Builder firstName(@Nullable String firstName) {
            this.firstName = firstName;
            return this;
        }

        /** @param lastName the last name, or {@code null} @return this builder */
        public Builder lastName(@Nullable String lastName) {
            this.lastName = lastName;
            return this;
        }

        /** @param phoneNumber digits with an optional leading {@code +}, or {@code null} @return this builder */
        public Builder phoneNumber(@Nullable String phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /** @param bot whether the peer is a bot @return this builder */
        public Builder bot(boolean bot) {
            this.bot = bot;
            return this;
        }

        /** @param photoId the profile photo id @return this builder */
        public Builder photoId(long photoId) {
            this.photoId = photoId;
            return this;
        }

        /** @param language the language code, or {@code null} @return this builder */
        public Builder language(@Nullable String language) {
            this.language = language;
            return this;
        }

        /** @param lastUpdated epoch milliseconds; 0 lets the storage set it @return this builder */
        public Builder lastUpdated(long lastUpdated) {
            this.lastUpdated = lastUpdated;
            return this;
        }

        /** @param min whether this came from a "min" constructor @return this builder */
        public Builder min(boolean min) {
            this.min = min;
            return this;
        }

        /**
         * Validates the values and builds the peer.
         * @return the peer
         * @throws IllegalArgumentException naming the first invalid field
         */
        public Peer build() {
            return new Peer(this);
        }

    }

}
