package io.mtgo.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * A session read from another library's session string (see {@link SessionStrings}): the
 * {@link Session}, the format it came in, and the account's user id and bot flag when the format
 * carries them (Pyrogram's does). Immutable.
 * <p>
 * {@link #toString()} shows neither the auth key nor the string it came from.
 */
public final class SessionString {

    private final Session session;

    private final SessionStringFormat format;

    private final long userId;

    private final @Nullable Boolean bot;

    private SessionString(Session session, SessionStringFormat format, long userId, @Nullable Boolean bot) {
        this.session = Arguments.requireNonNull(session, "session");
        this.format = Arguments.requireNonNull(format, "format");
        if (userId < 0) {
            throw new IllegalArgumentException("userId must not be negative but was " + userId);
        }
        this.userId = userId;
        this.bot = bot;
    }

    /**
     * Creates an imported session without account data.
     * @param session the session
     * @param format the format it came in
     * @return the imported session
     */
    public static SessionString of(Session session, SessionStringFormat format) {
        return new SessionString(session, format, 0, null);
    }

    /**
     * Creates an imported session with the account's user id and bot flag.
     * @param session the session
     * @param format the format it came in
     * @param userId the account's user id, 0 when unknown
     * @param bot whether the account is a bot
     * @return the imported session
     */
    public static SessionString of(Session session, SessionStringFormat format, long userId, boolean bot) {
        return new SessionString(session, format, userId, bot);
    }

    /** @return the session, auth key included */
    public Session session() {
        return this.session;
    }

    /** @return the format the string was in */
    public SessionStringFormat format() {
        return this.format;
    }

    /** @return the account's user id, when the format carries it */
    public OptionalLong userId() {
        return (this.userId != 0) ? OptionalLong.of(this.userId) : OptionalLong.empty();
    }

    /** @return whether the account is a bot, when the format carries it */
    public Optional<Boolean> bot() {
        return Optional.ofNullable(this.bot);
    }

    /**
     * Saves the session and the account data it carries into a storage, under the session's name
     * (whatever session {@code storage} is scoped to).
     * @param storage the storage to write to
     */
    public void saveTo(Storage storage) {
        Arguments.requireNonNull(storage, "storage");
        try (Storage target = storage.forSession(this.session.name())) {
            target.saveSession(this.session);
            if (this.userId != 0) {
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
        return (other instanceof SessionString that) && this.session.equals(that.session) && this.format == that.format
                && this.userId == that.userId && Objects.equals(this.bot, that.bot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.session, this.format, this.userId, this.bot);
    }

    /** Shows the format and where the session points; never the auth key or the string. */
    @Override
    public String toString() {
        return "SessionString{format=" + this.format + ", session=" + this.session + ", userId="
                + ((this.userId != 0) ? this.userId : "unknown") + ", bot=" + ((this.bot != null) ? this.bot : "unknown") + "}";
    }

}
