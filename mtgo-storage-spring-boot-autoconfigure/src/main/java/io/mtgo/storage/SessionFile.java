package io.mtgo.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * What {@link SessionFiles#read} found in another library's {@code .session} file: the
 * {@link Session}, the cached peers, the account's user id and bot flag when the library stored
 * them (Pyrogram does), and how many cached peers were skipped because our rules reject them
 * (for example a username shorter than 5 characters). Immutable.
 * <p>
 * {@link #toString()} never shows the auth key.
 */
public final class SessionFile {

    private final Library library;

    private final Session session;

    private final long userId;

    private final @Nullable Boolean bot;

    private final List<Peer> peers;

    private final int skippedPeers;

    SessionFile(Library library, Session session, long userId, @Nullable Boolean bot, List<Peer> peers, int skippedPeers) {
        this.library = library;
        this.session = session;
        this.userId = userId;
        this.bot = bot;
        this.peers = List.copyOf(peers);
        this.skippedPeers = skippedPeers;
    }

    /** @return which library wrote the file */
    public Library library() {
        return this.library;
    }

    /** @return the session, auth key included */
    public Session session() {
        return this.session;
    }

    /** @return the account's user id, when the file stores it */
    public OptionalLong userId() {
        return (this.userId > 0) ? OptionalLong.of(this.userId) : OptionalLong.empty();
    }

    /** @return whether the account is a bot, when the file stores it */
    public Optional<Boolean> bot() {
        return Optional.ofNullable(this.bot);
    }

    /** @return the cached peers that passed our rules, with plain positive ids */
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
        return (other instanceof SessionFile that) && this.library == that.library && this.session.equals(that.session)
                && this.userId == that.userId && Objects.equals(this.bot, that.bot) && this.peers.equals(that.peers)
                && this.skippedPeers == that.skippedPeers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.library, this.session, this.userId, this.bot, this.peers, this.skippedPeers);
    }

    /** Shows the library, the session (without its key) and the peer counts. */
    @Override
    public String toString() {
        return "SessionFile{library=" + this.library + ", session=" + this.session + ", userId="
                + ((this.userId > 0) ? this.userId : "unknown") + ", bot=" + ((this.bot != null) ? this.bot : "unknown")
                + ", peers=" + this.peers.size() + ", skippedPeers=" + this.skippedPeers + "}";
    }

    /**
     * The libraries whose {@code .session} files {@link SessionFiles} reads.
     */
    public enum Library {

        /** Telethon's {@code SQLiteSession}: address and key, entity cache with marked ids. */
        TELETHON,

        /** Pyrogram's {@code FileStorage}: DC, api id, test flag, key, user, peer cache by type. */
        PYROGRAM

    }

}
