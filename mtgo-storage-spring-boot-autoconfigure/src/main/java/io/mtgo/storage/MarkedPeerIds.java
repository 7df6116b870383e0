package io.mtgo.storage;

import org.jspecify.annotations.Nullable;

/**
 * Undoes the "marked" peer ids Telethon and Pyrogram store (the Bot API convention): users keep
 * their id, basic chats are {@code -id}, channels and supergroups {@code -(10^12 + id)}. Storage
 * keys peers by the plain positive MTProto id and its {@link PeerType}.
 */
final class MarkedPeerIds {

    /** What the Bot API adds to a channel id before negating it. */
    static final long CHANNEL_OFFSET = 1_000_000_000_000L;

    private MarkedPeerIds() {
    }

    /**
     * @param marked a marked id
     * @return the peer's type and positive id, or {@code null} when the id cannot be a peer's
     */
    static @Nullable Resolved resolve(long marked) {
        if (marked > 0) {
            return new Resolved(PeerType.USER, marked);
        }
        if (marked == 0 || marked == Long.MIN_VALUE) {
            return null;
        }
        if (marked > -CHANNEL_OFFSET) {
            return new Resolved(PeerType.CHAT, -marked);
        }
        long channelId = -marked - CHANNEL_OFFSET;
        return (channelId > 0) ? new Resolved(PeerType.CHANNEL, channelId) : null;
    }

    /**
     * A peer's type and plain MTProto id.
     * @param type the peer type
     * @param id the positive id
     */
    record Resolved(PeerType type, long id) {
    }

}
