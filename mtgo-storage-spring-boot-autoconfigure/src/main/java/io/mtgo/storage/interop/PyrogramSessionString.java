package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Session;

/**
 * Pyrogram's session strings: URL-safe base64 without padding of a big-endian struct. Pyrogram
 * tells its layouts apart by length, and so does this class:
 * <ul>
 * <li>current, {@code >BI?256sQ?}: DC id, api id (32 bits), test flag, auth key, user id (64
 * bits), bot flag — {@value #CURRENT_LENGTH} bytes;</li>
 * <li>older, {@code >B?256sQ?}: DC id, test flag, auth key, user id (64 bits), bot flag —
 * {@value #OLD_64_LENGTH} bytes;</li>
 * <li>oldest, {@code >B?256sI?}: as above with a 32-bit user id — {@value #OLD_32_LENGTH}
 * bytes.</li>
 * </ul>
 * None carries the DC's address: an import takes it from Telegram's DC table.
 */
final class PyrogramSessionString {

    static final int CURRENT_LENGTH = 1 + 4 + 1 + Arguments.AUTH_KEY_LENGTH + 8 + 1;

    static final int OLD_64_LENGTH = 1 + 1 + Arguments.AUTH_KEY_LENGTH + 8 + 1;

    static final int OLD_32_LENGTH = 1 + 1 + Arguments.AUTH_KEY_LENGTH + 4 + 1;

    private static final String FORMAT = "Pyrogram";

    private PyrogramSessionString() {
    }

    static ImportedSession parse(String sessionName, String text) {
        return decode(sessionName, SessionStringBytes.decodeUrlSafe(text, FORMAT));
    }

    static ImportedSession decode(String sessionName, byte[] data) {
        if (data.length != CURRENT_LENGTH && data.length != OLD_64_LENGTH && data.length != OLD_32_LENGTH) {
            throw new IllegalArgumentException("Pyrogram session string decodes to " + data.length + " bytes but Pyrogram's layouts hold "
                    + CURRENT_LENGTH + " (current), " + OLD_64_LENGTH + " or " + OLD_32_LENGTH + " (older) bytes");
        }
        boolean current = data.length == CURRENT_LENGTH;
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int dcId = SessionStringBytes.requireKnownDc(buffer.get() & 0xFF, FORMAT);
        long apiId = current ? Integer.toUnsignedLong(buffer.getInt()) : 0;
        boolean testMode = flag(buffer.get(), "test_mode");
        byte[] authKey = new byte[Arguments.AUTH_KEY_LENGTH];
        buffer.get(authKey);
        SessionStringBytes.requireRealKey(authKey, FORMAT);
        long userId = (data.length == OLD_32_LENGTH) ? Integer.toUnsignedLong(buffer.getInt()) : buffer.getLong();
        if (userId < 0) {
            throw new IllegalArgumentException("Pyrogram session string holds a user id above 2^63-1; no Telegram id is that large");
        }
        boolean bot = flag(buffer.get(), "is_bot");
        if (apiId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Pyrogram session string holds an api id above 2^31-1; no Telegram api id is that large");
        }
        String address = TelegramDcAddresses.ipv4(dcId, testMode);
        if (address == null) {
            throw new IllegalArgumentException("Pyrogram session string names test DC " + dcId
                    + " but Telegram's test DCs are 1 to 3");
        }
        Session session = Session.builder(sessionName)
            .dcId(dcId)
            .serverAddress(address)
            .port(TelegramDcAddresses.PORT)
            .testMode(testMode)
            .authKey(authKey)
            .apiId((int) apiId)
            .build();
        return ImportedSession.fromString(ImportedSession.Source.PYROGRAM_SESSION_STRING, session, userId, bot);
    }

    /**
     * Writes the current layout. Pyrogram treats a session without a user id as logged out, so one
     * is required.
     */
    static String export(Session session, long userId, boolean bot) {
        byte[] authKey = SessionStringBytes.requireAuthKey(session, FORMAT);
        int dcId = SessionStringBytes.requireKnownDc(session, FORMAT);
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be the account's positive Telegram id but was " + userId
                    + "; Pyrogram asks for a new login when a session string has none");
        }
        ByteBuffer buffer = ByteBuffer.allocate(CURRENT_LENGTH);
        buffer.put((byte) dcId)
            .putInt(session.apiId())
            .put((byte) (session.testMode() ? 1 : 0))
            .put(authKey)
            .putLong(userId)
            .put((byte) (bot ? 1 : 0));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static boolean flag(byte value, String field) {
        // Python's struct writes booleans as 0 or 1; anything else means the bytes are not this layout.
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("Pyrogram session string's " + field + " flag must be 0 or 1 but was " + (value & 0xFF));
        }
        return value == 1;
    }

}
