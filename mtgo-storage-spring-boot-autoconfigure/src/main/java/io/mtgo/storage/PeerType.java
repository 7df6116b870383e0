package io.mtgo.storage;

/**
 * The kind of a Telegram peer.
 */
public enum PeerType {

    /** A user or a bot. */
    USER,

    /** A basic group chat. */
    CHAT,

    /** A channel or a supergroup. */
    CHANNEL

}
