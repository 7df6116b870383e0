package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Session;

/**
 * GramJS's {@code StringSession}: the version character {@code '1'} followed by standard base64
 * of, big-endian, a 1-byte DC id, a 2-byte address length, the address as text, a 2-byte port
 * and the 256-byte auth key.
 */
final class GramJsSessionString {

    static final char VERSION = '1';

    /** Bytes around the address: DC id, address length, port, auth key. */
    static final int FIXED_LENGTH = 1 + 2 + 2 + Arguments.AUTH_KEY_LENGTH;

    /** GramJS writes length and port with Node's {@code writeInt16BE}, which stops at this. */
    static final int MAX_INT16 = 32_767;

    /**
     * Shortest address GramJS reads back as written. GramJS takes any body of 352 base64 characters
     * for a Telethon IPv4 string, and an address of 1 to 3 characters gives a GramJS body exactly
     * that long (262 to 264 bytes).
     */
    static final int MIN_EXPORTED_ADDRESS_LENGTH = 4;

    /** Longest address GramJS reads back as written: it takes a longer length field for the start of a Telethon IPv6 address. */
    static final int MAX_EXPORTED_ADDRESS_LENGTH = 100;

    private static final String FORMAT = "GramJS";

    private GramJsSessionString() {
    }

    static ImportedSession parse(String sessionName, String text) {
        if (text.isEmpty() || text.charAt(0) != VERSION) {
            throw new IllegalArgumentException("GramJS session string must start with version '" + VERSION + "'");
        }
        // Node's Buffer.from(text, "base64") reads both alphabets; so do we.
        String body = text.substring(1).replace('-', '+').replace('_', '/');
        return decode(sessionName, SessionStringBytes.decodeStandard(body, FORMAT));
    }

    /**
     * Whether decoded bytes have GramJS's shape: the address length field accounts for every byte
     * and the address is printable. Used to tell GramJS from Telethon when a string uses only the
     * characters both base64 alphabets share.
     */
    static boolean hasShape(byte[] data) {
        if (data.length < FIXED_LENGTH + 1) {
            return false;
        }
        int addressLength = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        if (addressLength == 0 || data.length != FIXED_LENGTH + addressLength) {
            return false;
        }
        for (int i = 3; i < 3 + addressLength; i++) {
            if (!isAddressChar(data[i])) {
                return false;
            }
        }
        return true;
    }

    static ImportedSession decode(String sessionName, byte[] data) {
        if (data.length < FIXED_LENGTH + 1) {
            throw new IllegalArgumentException("GramJS session string decodes to " + data.length
                    + " bytes, fewer than the " + (FIXED_LENGTH + 1) + " a DC id, address, port and "
                    + Arguments.AUTH_KEY_LENGTH + "-byte auth key need");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int dcId = SessionStringBytes.requireKnownDc(buffer.get() & 0xFF, FORMAT);
        int addressLength = buffer.getShort() & 0xFFFF;
        if (addressLength == 0 || addressLength > Arguments.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("GramJS session string gives an address length of " + addressLength
                    + " bytes; it must be 1 to " + Arguments.MAX_TEXT_LENGTH);
        }
        // What follows the DC id (1), length (2), address and port (2) must be exactly the key.
        int keyLength = data.length - 1 - 2 - addressLength - 2;
        if (keyLength != Arguments.AUTH_KEY_LENGTH) {
            throw new IllegalArgumentException("GramJS session string leaves " + Math.max(keyLength, 0)
                    + " bytes for the auth key after its " + addressLength + "-byte address and port, but an auth key is "
                    + Arguments.AUTH_KEY_LENGTH + " bytes");
        }
        byte[] address = new byte[addressLength];
        buffer.get(address);
        for (byte b : address) {
            if (!isAddressChar(b)) {
                throw new IllegalArgumentException("GramJS session string's address holds a character that is not allowed"
                        + " in an IP address or host name");
            }
        }
        int port = buffer.getShort() & 0xFFFF;
        byte[] authKey = new byte[Arguments.AUTH_KEY_LENGTH];
        buffer.get(authKey);
        SessionStringBytes.requireRealKey(authKey, FORMAT);
        String serverAddress = new String(address, StandardCharsets.US_ASCII);
        Session session = Session.builder(sessionName)
            .dcId(dcId)
            .serverAddress(serverAddress)
            .port(port)
            // GramJS records no test flag; the test DCs' addresses are the only evidence.
            .testMode(TelegramDcAddresses.isTestAddress(serverAddress))
            .authKey(authKey)
            .build();
        return ImportedSession.fromString(ImportedSession.Source.GRAMJS_STRING_SESSION, session, 0, null);
    }

    static String export(Session session) {
        byte[] authKey = SessionStringBytes.requireAuthKey(session, FORMAT);
        int dcId = SessionStringBytes.requireKnownDc(session, FORMAT);
        byte[] address = SessionStringBytes.addressOf(session, FORMAT).getBytes(StandardCharsets.UTF_8);
        for (byte b : address) {
            if (!isAddressChar(b)) {
                throw new IllegalArgumentException("session '" + session.name()
                        + "' has a serverAddress that is neither an IP address nor a host name; GramJS cannot use it");
            }
        }
        if (address.length < MIN_EXPORTED_ADDRESS_LENGTH || address.length > MAX_EXPORTED_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("session '" + session.name() + "' has a serverAddress of " + address.length
                    + " characters; GramJS reads back only addresses of " + MIN_EXPORTED_ADDRESS_LENGTH + " to "
                    + MAX_EXPORTED_ADDRESS_LENGTH + " characters as written (a shorter one makes its string look like "
                    + "Telethon's IPv4 layout, a longer one like Telethon's IPv6 layout)");
        }
        int port = SessionStringBytes.portOf(session);
        if (port > MAX_INT16) {
            throw new IllegalArgumentException("session '" + session.name() + "' has port " + port
                    + "; GramJS stores ports as signed 16-bit numbers, at most " + MAX_INT16);
        }
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_LENGTH + address.length);
        buffer.put((byte) dcId).putShort((short) address.length).put(address).putShort((short) port).put(authKey);
        return VERSION + Base64.getEncoder().encodeToString(buffer.array());
    }

    private static boolean isAddressChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == ':'
                || b == '-';
    }

}
