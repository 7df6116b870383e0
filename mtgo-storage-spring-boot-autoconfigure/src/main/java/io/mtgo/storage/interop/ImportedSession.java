package io.mtgo.storage.interop;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;

/**
 * A login read from another client library, by {@link SessionStrings#parse} or
 * {@link SessionFiles#read}: the {@link Session}, where it came from, the account's user id and bot
 * flag when the source carries them (Pyrogram's do), and, from {@code .session} files, the cached
 * peers that passed our rules and how many were skipped (for example a username shorter than 5
 * characters). Immutable; {@link #saveTo(Storage)} puts all of it into any storage.
 * <p>
 * {@link #toString()} shows neither the auth key nor the string it came from.
 */
public final class ImportedSession {

    private final Source source;

    private final Session session;

    private final long userId;

    private final @Nullable Boolean bot;

    private final List<Peer> peers;

    private final int skippedPeers;

    ImportedSession(Source source, Session session, long userId, @Nullable Boolean bot, List<Peer> peers, int skippedPeers) {
        this.source = Arguments.requireNonNull(source, "source");
        this.session = Arguments.requireNonNull(session, "session");
        if (userId < 0) {
            throw new IllegalArgumentException("userId must not be negative but was " + userId);
        }
        this.userId = userId;
        this.bot = bot;
        this.peers = List.copyOf(peers);
        this.skippedPeers = skippedPeers;
    }

    /** A session string's login: no peers. */
    static ImportedSession fromString(Source source, Session session, long userId, @Nullable Boolean bot) {
        return new ImportedSession(source, session, userId, bot, List.of(), 0);
    }

    /** @return which library wrote it, and whether as a string or a {@code .session} file */
    public Source source() {
        return this.source;
    }

    /** @return the session, auth key included */
    public Session session() {
        return this.session;
    }

    /** @return the account's user id, when the source carries it */
    public OptionalLong userId() {
        return (this.userId > 0) ? OptionalLong.of(this.userId) : OptionalLong.empty();
    }

    /** @return whether the account is a bot, when the source carries it */
    public Optional<Boolean> bot() {
        return Optional.ofNullable(this.bot);
    }

    /** @return the cached peers that passed our rules, with plain positive ids; none from a string */
    public List<Peer> peers() {
        return this.peers;
    }

    /** @return how many cached peers were left out because our rules reject them */
    public int skippedPeers() {
        return this.skippedPeers;
    }

    /**
     * Saves the session, the peers and the account data into a storage, under the session's name
     * (whatever session {@code storage} is scoped to). Peers go in one {@code savePeers} call.
     * @param storage the storage to write to
     */
    public void saveTo(Storage storage) {
        Arguments.requireNonNull(storage, "storage");
        try (Storage target = storage.forSession(this.session.name())) {
            target.saveSession(this.session);
            if (!this.peers.isEmpty()) {
                target.savePeers(this.peers);
            }
            if (this.userId > 0) {
                target.setUserId(this.userId);
            }
            if (this.bot != null) {
                target.setIsBot(this.bot);
            }
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        return (other instanceof ImportedSession that) && this.source == that.source && this.session.equals(that.session)
                && this.userId == that.userId && Objects.equals(this.bot, that.bot) && this.peers.equals(that.peers)
                && this.skippedPeers == that.skippedPeers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.source, this.session, this.userId, this.bot, this.peers, this.skippedPeers);
    }

    /** Shows the source, the session (without its key) and the peer counts. */
    @Override
    public String toString() {
        return "ImportedSession{source=" + this.source + ", session=" + this.session + ", userId="
                + ((this.userId > 0) ? this.userId : "unknown") + ", bot=" + ((this.bot != null) ? this.bot : "unknown")
                + ", peers=" + this.peers.size() + ", skippedPeers=" + this.skippedPeers + "}";
    }

    /**
     * Where an imported session came from.
     */
    public enum Source {

        /** Telethon's {@code StringSession}: address and key, no account data. */
        TELETHON_STRING_SESSION("Telethon string session"),

        /** Pyrogram's session string: DC, api id, test flag, key, user id and bot flag. */
        PYROGRAM_SESSION_STRING("Pyrogram session string"),

        /** GramJS's {@code StringSession}: address as text and key, no account data. */
        GRAMJS_STRING_SESSION("GramJS string session"),

        /** Telethon's {@code SQLiteSession} file: address and key, entity cache with marked ids. */
        TELETHON_SESSION_FILE("Telethon .session file"),

        /** Pyrogram's {@code FileStorage} file: DC, api id, test flag, key, user, peer cache by type. */
        PYROGRAM_SESSION_FILE("Pyrogram .session file");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** @return how a person would say it, for example "Telethon string session" */
        public String description() {
            return this.description;
        }

        /** @return whether it came from a session string (the other sources are {@code .session} files) */
        public boolean isString() {
            return this == TELETHON_STRING_SESSION || this == PYROGRAM_SESSION_STRING || this == GRAMJS_STRING_SESSION;
        }

    }

}
