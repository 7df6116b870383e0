package io.mtgo.storage;

/**
 * Converts between a peer's {@link PeerType} plus plain MTProto id and its <em>marked</em> id, the
 * Bot API convention Telethon, Pyrogram and mtcute key their caches by: users keep their id, basic
 * chats are {@code -id}, channels (and supergroups) are {@code -(10^12 + id)}.
 * <p>
 * Telegram numbers users, chats and channels in separate spaces that overlap, so a plain id alone
 * does not name a peer; a marked id does, and so does a type with an id.
 */
public final class PeerIds {

    /** What the Bot API adds to a channel id before negating it. */
    public static final long CHANNEL_OFFSET = 1_000_000_000_000L;

    /** Largest basic-chat id: a larger one would be marked into the channel range. */
    public static final long MAX_CHAT_ID = CHANNEL_OFFSET - 1;

    /** Largest channel id whose marked form fits in a {@code long}. */
    public static final long MAX_CHANNEL_ID = Long.MAX_VALUE - CHANNEL_OFFSET;

    private PeerIds() {
    }

    /**
     * Returns the marked id of a peer.
     * @param type the peer's type
     * @param id the peer's plain, positive MTProto id
     * @return the marked id
     * @throws IllegalArgumentException when {@code id} is not a valid id of that type
     */
    public static long mark(PeerType type, long id) {
        requireValid(type, id, "id");
        return switch (type) {
            case USER -> id;
            case CHAT -> -id;
            case CHANNEL -> -(CHANNEL_OFFSET + id);
        };
    }

    /**
     * Returns the type of the peer a marked id names.
     * @param markedId a marked id
     * @return the peer's type
     * @throws IllegalArgumentException when no peer can have that marked id (0, or below the
     * channel range)
     */
    public static PeerType type(long markedId) {
        if (markedId > 0) {
            return PeerType.USER;
        }
        if (!isValidMarkedId(markedId)) {
            throw new IllegalArgumentException("markedId " + markedId + " is no peer's marked id: users are positive, "
                    + "basic chats -1 to -" + MAX_CHAT_ID + ", channels -(10^12 + id)");
        }
        return (markedId > -CHANNEL_OFFSET) ? PeerType.CHAT : PeerType.CHANNEL;
    }

    /**
     * Returns the plain MTProto id of the peer a marked id names.
     * @param markedId a marked id
     * @return the positive id
     * @throws IllegalArgumentException when no peer can have that marked id
     */
    public static long id(long markedId) {
        return switch (type(markedId)) {
            case USER -> markedId;
            case CHAT -> -markedId;
            case CHANNEL -> -markedId - CHANNEL_OFFSET;
        };
    }

    /**
     * Whether a marked id names a possible peer: the check {@link #type(long)} makes, without an
     * exception, for callers that skip what they cannot use (such as another library's cache).
     * @param markedId a marked id
     * @return whether some peer can have it
     */
    public static boolean isValidMarkedId(long markedId) {
        return markedId > 0 || (markedId != 0 && markedId != -CHANNEL_OFFSET && markedId >= -(CHANNEL_OFFSET + MAX_CHANNEL_ID));
    }

    /**
     * Checks that an id is a valid plain id of a peer type: positive, and for basic chats at most
     * {@link #MAX_CHAT_ID}.
     * @param type the peer's type
     * @param id the plain id
     * @param field the argument's name, for the message
     * @return the id
     * @throws IllegalArgumentException when it is not
     */
    public static long requireValid(PeerType type, long id, String field) {
        Arguments.requireNonNull(type, "type");
        long max = switch (type) {
            case USER -> Long.MAX_VALUE;
            case CHAT -> MAX_CHAT_ID;
            case CHANNEL -> MAX_CHANNEL_ID;
        };
        if (id <= 0 || id > max) {
            throw new IllegalArgumentException(field + " of a " + type + " must be from 1 to " + max + " but was " + id
                    + (id < 0 ? " (a marked id? use PeerIds.id and PeerIds.type)" : ""));
        }
        return id;
    }

}
