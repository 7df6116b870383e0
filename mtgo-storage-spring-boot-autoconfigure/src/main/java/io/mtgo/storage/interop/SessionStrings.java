package io.mtgo.storage.interop;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionNames;

/**
 * Reads and writes the session strings of other Telegram client libraries, so that a login moves
 * between libraries and storage backends without logging in again.
 * <p>
 * Supported: Telethon's and GramJS's {@code StringSession} and Pyrogram's session string (its
 * current layout and, for reading, its two older ones). {@link #parse(String, String)} recognises
 * the format by itself:
 * <ul>
 * <li>Telethon and GramJS strings start with the version {@code '1'}. Telethon writes the URL-safe
 * base64 alphabet ({@code -_}) and GramJS the standard one ({@code +/}), but each reads both, so the
 * bytes decide: a string is GramJS when its address length field accounts for every byte, Telethon
 * when it has one of Telethon's two sizes.</li>
 * <li>Pyrogram strings never start with {@code '1'} (that would be a DC id above 211).</li>
 * </ul>
 * A malformed string is an {@link IllegalArgumentException} saying what is wrong; no message ever
 * quotes the string or its bytes.
 * <p>
 * <strong>A session string is a full login</strong>: whoever holds it can use the account. Keep it
 * out of logs, source code and chats.
 */
public final class SessionStrings {

    private SessionStrings() {
    }

    /**
     * Reads a session string of any supported format.
     * @param sessionName the name to give the imported session
     * @param text the session string; whitespace in it (line breaks, spaces) is ignored
     * @return the imported session, with its format
     * @throws IllegalArgumentException when the string is of no supported format or malformed
     */
    public static ImportedSession parse(String sessionName, String text) {
        SessionNames.requireValid(sessionName, "sessionName");
        String trimmed = trim(text);
        SessionStringFormat format = detect(trimmed);
        try {
            return parse(sessionName, trimmed, format);
        }
        catch (IllegalArgumentException ex) {
            if (format == SessionStringFormat.PYROGRAM && hasVersionOneShape(trimmed.substring(1))) {
                // Only the first character kept it from being read as Telethon's or GramJS's.
                throw new IllegalArgumentException("session string starts with '" + trimmed.charAt(0) + "' where Telethon and "
                        + "GramJS strings start with version '" + TelethonSessionString.VERSION + "', and is no Pyrogram string either ("
                        + ex.getMessage() + ")", ex);
            }
            throw ex;
        }
    }

    /**
     * Reads a session string of a known format.
     * @param sessionName the name to give the imported session
     * @param text the session string; whitespace in it (line breaks, spaces) is ignored
     * @param format the format the string is in
     * @return the imported session
     * @throws IllegalArgumentException when the string is malformed for that format
     */
    public static ImportedSession parse(String sessionName, String text, SessionStringFormat format) {
        SessionNames.requireValid(sessionName, "sessionName");
        Arguments.requireNonNull(format, "format");
        String trimmed = trim(text);
        return switch (format) {
            case TELETHON -> TelethonSessionString.parse(sessionName, trimmed);
            case PYROGRAM -> PyrogramSessionString.parse(sessionName, trimmed);
            case GRAMJS -> GramJsSessionString.parse(sessionName, trimmed);
        };
    }

    /**
     * Tells which library wrote a session string, without checking the rest of it.
     * @param text the session string; whitespace in it (line breaks, spaces) is ignored
     * @return its format
     * @throws IllegalArgumentException when it looks like none of the supported formats
     */
    public static SessionStringFormat detect(String text) {
        String trimmed = trim(text);
        if (trimmed.charAt(0) == TelethonSessionString.VERSION) {
            return detectVersionOne(trimmed.substring(1));
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '=';
            if (!urlSafe) {
                throw new IllegalArgumentException("session string is not a Telethon, Pyrogram or GramJS session string: "
                        + "it does not start with version '1' and holds a character (at index " + i
                        + ") outside Pyrogram's URL-safe base64 alphabet");
            }
        }
        return SessionStringFormat.PYROGRAM;
    }

    /**
     * Writes a session as a Telethon or GramJS string. Pyrogram strings need the account's user id:
     * use {@link #exportPyrogram(Session, long, boolean)}.
     * <p>
     * Without a server address the DC's address from Telegram's table is written, without a port
     * 443. Telethon needs an IP address (IPv4 or IPv6); GramJS also takes a host name. Neither
     * carries the api id, api hash, test flag or date.
     * @param session the session, with an auth key
     * @param format {@link SessionStringFormat#TELETHON} or {@link SessionStringFormat#GRAMJS}
     * @return the session string, a full login: keep it secret
     * @throws IllegalArgumentException when the session has no auth key or the format cannot hold it
     */
    public static String export(Session session, SessionStringFormat format) {
        Arguments.requireNonNull(session, "session");
        Arguments.requireNonNull(format, "format");
        return switch (format) {
            case TELETHON -> TelethonSessionString.export(session);
            case GRAMJS -> GramJsSessionString.export(session);
            case PYROGRAM -> throw new IllegalArgumentException("a Pyrogram session string needs the account's user id and bot flag:"
                    + " use SessionStrings.exportPyrogram(session, userId, bot)");
        };
    }

    /**
     * Writes an imported session in any format, using the user id and bot flag it carries for
     * Pyrogram.
     * @param imported the imported session
     * @param format the format to write
     * @return the session string, a full login: keep it secret
     * @throws IllegalArgumentException when the format needs data the session lacks
     */
    public static String export(ImportedSession imported, SessionStringFormat format) {
        Arguments.requireNonNull(imported, "imported");
        Arguments.requireNonNull(format, "format");
        if (format != SessionStringFormat.PYROGRAM) {
            return export(imported.session(), format);
        }
        if (imported.userId().isEmpty()) {
            throw new IllegalArgumentException("a Pyrogram session string needs the account's user id, which a "
                    + imported.source().description() + " does not carry: use SessionStrings.exportPyrogram(session, userId, bot)");
        }
        return exportPyrogram(imported.session(), imported.userId().getAsLong(), imported.bot().orElse(false));
    }

    /**
     * Writes a session as a Pyrogram session string (Pyrogram's current layout). Pyrogram strings
     * carry the DC id, api id, test flag, auth key, user id and bot flag; the address, port, api
     * hash and date are left out.
     * @param session the session, with an auth key
     * @param userId the account's Telegram user id (Pyrogram treats a string without one as logged out)
     * @param bot whether the account is a bot
     * @return the session string, a full login: keep it secret
     * @throws IllegalArgumentException when the session has no auth key or the user id is not positive
     */
    public static String exportPyrogram(Session session, long userId, boolean bot) {
        Arguments.requireNonNull(session, "session");
        return PyrogramSessionString.export(session, userId, bot);
    }

    /**
     * The string without whitespace anywhere in it: no format's alphabet has any, and a string
     * pasted from a terminal, a mail or {@code fold} arrives in lines (GramJS reads those too).
     */
    private static String trim(String text) {
        Arguments.requireNonNull(text, "text");
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u200B') {
                kept.append(c);
            }
        }
        if (kept.length() == 0) {
            throw new IllegalArgumentException("session string is empty");
        }
        return kept.toString();
    }

    /** Whether the text after a version character decodes to a Telethon or GramJS layout. */
    private static boolean hasVersionOneShape(String body) {
        byte[] data;
        try {
            data = TelethonSessionString.decodeBody(body);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return GramJsSessionString.hasShape(data) || data.length == TelethonSessionString.IPV4_LENGTH
                || data.length == TelethonSessionString.IPV6_LENGTH;
    }

    /**
     * Telethon and GramJS both write version '1' and both read either base64 alphabet, so the
     * alphabet proves nothing (a Telethon string passed through a standard-base64 tool holds
     * {@code +/}); the byte layout decides. GramJS's address length field accounts for every byte,
     * Telethon's strings have one of two fixed sizes. When neither fits, the alphabet picks whose
     * error message the caller gets.
     */
    private static SessionStringFormat detectVersionOne(String body) {
        byte[] data;
        try {
            data = TelethonSessionString.decodeBody(body);
        }
        catch (IllegalArgumentException ex) {
            return containsAny(body, "+/") ? SessionStringFormat.GRAMJS : SessionStringFormat.TELETHON;
        }
        if (GramJsSessionString.hasShape(data)) {
            return SessionStringFormat.GRAMJS;
        }
        if (data.length == TelethonSessionString.IPV4_LENGTH || data.length == TelethonSessionString.IPV6_LENGTH) {
            return SessionStringFormat.TELETHON;
        }
        return containsAny(body, "+/") ? SessionStringFormat.GRAMJS : SessionStringFormat.TELETHON;
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < characters.length(); i++) {
            if (text.indexOf(characters.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

}
