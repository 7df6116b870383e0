package io.mtgo.storage.interop;

/**
 * The session string formats {@link SessionStrings} reads and writes.
 */
public enum SessionStringFormat {

    /**
     * Telethon's {@code StringSession}: {@code '1'} and padded URL-safe base64 of the DC id, the
     * packed IPv4 or IPv6 address, the port and the auth key. No api id, no test flag, no user.
     */
    TELETHON,

    /**
     * Pyrogram's session string: unpadded URL-safe base64 of the DC id, api id, test flag, auth
     * key, user id and bot flag. No address or port (filled from Telegram's DC table on import).
     * Pyrogram's two older layouts (without api id) are read as well.
     */
    PYROGRAM,

    /**
     * GramJS's {@code StringSession}: {@code '1'} and standard base64 of the DC id, the address as
     * text, the port and the auth key. No api id, no test flag, no user.
     */
    GRAMJS

}
