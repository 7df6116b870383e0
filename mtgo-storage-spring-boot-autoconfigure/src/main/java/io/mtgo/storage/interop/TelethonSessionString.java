package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Session;

/**
 * Telethon's {@code StringSession}: the version character {@code '1'} followed by padded URL-safe
 * base64 (read in either base64 alphabet, as Telethon reads it) of, big-endian, a 1-byte DC id, the packed IPv4 (4 bytes) or IPv6 (16 bytes) address, a
 * 2-byte port and the 256-byte auth key. Telethon tells IPv4 from IPv6 by length alone.
 */
final class TelethonSessionString {

    static final char VERSION = '1';

    static final int IPV4_LENGTH = 1 + 4 + 2 + Arguments.AUTH_KEY_LENGTH;

    static final int IPV6_LENGTH = 1 + 16 + 2 + Arguments.AUTH_KEY_LENGTH;

    private static final String FORMAT = "Telethon";

    private TelethonSessionString() {
    }

    static ImportedSession parse(String sessionName, String text) {
        if (text.isEmpty() || text.charAt(0) != VERSION) {
            throw new IllegalArgumentException("Telethon session string must start with version '" + VERSION + "'");
        }
        String body = text.substring(1);
        if (body.length() % 4 != 0) {
            // Telethon writes padded base64 and Python refuses it unpadded: a missing '=' means a cut string.
            throw new IllegalArgumentException("Telethon session string must be padded base64 but its length after the version ("
                    + body.length() + ") is not a multiple of 4; it was probably truncated or its '=' padding removed");
        }
        return decode(sessionName, decodeBody(body));
    }

    /**
     * Decodes the base64 after the version as Telethon does: Python's {@code urlsafe_b64decode} maps
     * {@code -_} to {@code +/} and then reads standard base64, so both alphabets (even mixed) are
     * accepted. Telethon writes URL-safe; strings passed through other tools come back standard.
     */
    static byte[] decodeBody(String body) {
        return SessionStringBytes.decodeUrlSafe(body.replace('+', '-').replace('/', '_'), FORMAT);
    }

    static ImportedSession decode(String sessionName, byte[] data) {
        int addressLength;
        if (data.length == IPV4_LENGTH) {
            addressLength = 4;
        }
        else if (data.length == IPV6_LENGTH) {
            addressLength = 16;
        }
        else {
            throw new IllegalArgumentException("Telethon session string decodes to " + data.length + " bytes but must hold "
                    + IPV4_LENGTH + " (IPv4) or " + IPV6_LENGTH + " (IPv6): DC id, address, port and a "
                    + Arguments.AUTH_KEY_LENGTH + "-byte auth key");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int dcId = SessionStringBytes.requireKnownDc(buffer.get() & 0xFF, FORMAT);
        byte[] address = new byte[addressLength];
        buffer.get(address);
        int port = buffer.getShort() & 0xFFFF;
        byte[] authKey = new byte[Arguments.AUTH_KEY_LENGTH];
        buffer.get(authKey);
        SessionStringBytes.requireRealKey(authKey, FORMAT);
        String serverAddress = IpAddresses.format(address);
        Session session = Session.builder(sessionName)
            .dcId(dcId)
            .serverAddress(serverAddress)
            .port(port)
            // Telethon records no test flag; the test DCs' addresses are the only evidence.
            .testMode(TelegramDcAddresses.isTestAddress(serverAddress))
            .authKey(authKey)
            .build();
        return ImportedSession.fromString(ImportedSession.Source.TELETHON_STRING_SESSION, session, 0, null);
    }

    static String export(Session session) {
        byte[] authKey = SessionStringBytes.requireAuthKey(session, FORMAT);
        int dcId = SessionStringBytes.requireKnownDc(session, FORMAT);
        String address = SessionStringBytes.addressOf(session, FORMAT);
        byte[] packed = IpAddresses.pack(address);
        if (packed == null) {
            throw new IllegalArgumentException("session '" + session.name() + "' has serverAddress '" + address
                    + "', which is no IP address; Telethon session strings hold only IPv4 or IPv6 addresses");
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 + packed.length + 2 + authKey.length);
        buffer.put((byte) dcId).put(packed).putShort((short) SessionStringBytes.portOf(session)).put(authKey);
        return VERSION + Base64.getUrlEncoder().encodeToString(buffer.array());
    }

}
