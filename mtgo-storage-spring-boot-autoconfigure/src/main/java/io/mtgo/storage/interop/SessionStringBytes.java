package io.mtgo.storage.interop;

import java.util.Base64;

import io.mtgo.storage.Session;

/**
 * Checks shared by the session string codecs. Every message says what is wrong and never quotes
 * the string or any of its bytes: a session string is a full login.
 */
final class SessionStringBytes {

    private SessionStringBytes() {
    }

    /**
     * Decodes URL-safe base64; padding is optional, but when present it must be right.
     * @param text the base64 text
     * @param format the format name for the message
     * @return the bytes
     */
    static byte[] decodeUrlSafe(String text, String format) {
        return decode(Base64.getUrlDecoder(), text, format, "URL-safe");
    }

    /**
     * Decodes standard base64; padding is optional, but when present it must be right.
     * @param text the base64 text
     * @param format the format name for the message
     * @return the bytes
     */
    static byte[] decodeStandard(String text, String format) {
        return decode(Base64.getDecoder(), text, format, "standard");
    }

    private static byte[] decode(Base64.Decoder decoder, String text, String format, String alphabet) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(format + " session string holds no data");
        }
        if (text.length() % 4 == 1) {
            // No padding can make this length valid: some characters were lost.
            throw new IllegalArgumentException(format + " session string has an impossible base64 length ("
                    + text.length() + " characters); it was probably truncated");
        }
        try {
            return decoder.decode(text);
        }
        catch (IllegalArgumentException ex) {
            // The JDK's message may quote a character of the string; ours does not.
            throw new IllegalArgumentException(format + " session string is not valid " + alphabet
                    + " base64 (a wrong character or wrong '=' padding)");
        }
    }

    /**
     * Rejects a DC id Telegram does not have.
     * @param dcId the decoded DC id
     * @param format the format name for the message
     * @return the DC id
     */
    static int requireKnownDc(int dcId, String format) {
        if (!TelegramDcAddresses.isKnownDc(dcId)) {
            throw new IllegalArgumentException(format + " session string names DC " + dcId + " but Telegram's DCs are "
                    + TelegramDcAddresses.MIN_DC_ID + " to " + TelegramDcAddresses.MAX_DC_ID);
        }
        return dcId;
    }

    /**
     * Rejects exporting a session homed on a DC Telegram does not have: the reading library would
     * reject the string or connect nowhere.
     * @param session the session to export
     * @param format the format name for the message
     * @return the DC id
     */
    static int requireKnownDc(Session session, String format) {
        if (!TelegramDcAddresses.isKnownDc(session.dcId())) {
            throw new IllegalArgumentException("session '" + session.name() + "' is on DC " + session.dcId()
                    + " but a " + format + " session string needs one of Telegram's DCs "
                    + TelegramDcAddresses.MIN_DC_ID + " to " + TelegramDcAddresses.MAX_DC_ID);
        }
        return session.dcId();
    }

    /**
     * Rejects an auth key of all zero bytes: libraries write that for a session that never logged
     * in, and importing it would store a login that cannot work.
     * @param authKey the 256 decoded key bytes
     * @param format the format name for the message
     * @return the key
     */
    static byte[] requireRealKey(byte[] authKey, String format) {
        for (byte b : authKey) {
            if (b != 0) {
                return authKey;
            }
        }
        throw new IllegalArgumentException(format + " session string holds an empty (all-zero) auth key: "
                + "the session never logged in");
    }

    /**
     * Returns the auth key of a session to export, or explains why there is none.
     * @param session the session
     * @param format the format name for the message
     * @return the 256-byte key
     */
    static byte[] requireAuthKey(Session session, String format) {
        byte[] key = session.authKey();
        if (key == null) {
            throw new IllegalArgumentException("session '" + session.name() + "' has no auth key; there is no login to export as "
                    + format);
        }
        return key;
    }

    /**
     * Returns the address to export: the session's, else the DC's from Telegram's table.
     * @param session the session
     * @param format the format name for the message
     * @return the address
     */
    static String addressOf(Session session, String format) {
        String address = session.serverAddress();
        if (address != null) {
            return address;
        }
        String known = TelegramDcAddresses.ipv4(session.dcId(), session.testMode());
        if (known == null) {
            throw new IllegalArgumentException("session '" + session.name() + "' has no serverAddress and DC "
                    + session.dcId() + (session.testMode() ? " (test)" : "") + " is not in Telegram's DC table, so "
                    + format + " has no address to write");
        }
        return known;
    }

    /**
     * Returns the port to export: the session's, else Telegram's default.
     * @param session the session
     * @return the port
     */
    static int portOf(Session session) {
        return (session.port() != 0) ? session.port() : TelegramDcAddresses.PORT;
    }

}
