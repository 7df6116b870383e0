package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.mtgo.storage.Session;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.interop.SessionStringFixtures.authKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PyrogramSessionStringTests {

    private static String unpadded(ByteBuffer bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Pyrogram's current {@code >BI?256sQ?}, built by hand. */
    private static String currentVector(int dcId, int apiId, boolean test, byte[] key, long userId, boolean bot) {
        ByteBuffer bytes = ByteBuffer.allocate(1 + 4 + 1 + 256 + 8 + 1);
        bytes.put((byte) dcId).putInt(apiId).put((byte) (test ? 1 : 0)).put(key).putLong(userId).put((byte) (bot ? 1 : 0));
        return unpadded(bytes);
    }

    /** Pyrogram's older {@code >B?256sQ?}, built by hand. */
    private static String old64Vector(int dcId, boolean test, byte[] key, long userId, boolean bot) {
        ByteBuffer bytes = ByteBuffer.allocate(1 + 1 + 256 + 8 + 1);
        bytes.put((byte) dcId).put((byte) (test ? 1 : 0)).put(key).putLong(userId).put((byte) (bot ? 1 : 0));
        return unpadded(bytes);
    }

    /** Pyrogram's oldest {@code >B?256sI?}, built by hand. */
    private static String old32Vector(int dcId, boolean test, byte[] key, int userId, boolean bot) {
        ByteBuffer bytes = ByteBuffer.allocate(1 + 1 + 256 + 4 + 1);
        bytes.put((byte) dcId).put((byte) (test ? 1 : 0)).put(key).putInt(userId).put((byte) (bot ? 1 : 0));
        return unpadded(bytes);
    }

    private static Session pyrogramSession(String name, int dcId, String address, boolean test, byte[] key, int apiId) {
        return Session.builder(name).dcId(dcId).serverAddress(address).port(443).testMode(test).authKey(key).apiId(apiId).build();
    }

    @Test
    void exportWritesCurrentLayoutByteForByte() {
        byte[] key = authKey(1);
        Session session = pyrogramSession("me", 2, "149.154.167.51", false, key, 123456);
        String expected = currentVector(2, 123456, false, key, 5_000_000_001L, false);
        assertThat(expected).hasSize(362).doesNotContain("=");
        assertThat(SessionStrings.exportPyrogram(session, 5_000_000_001L, false)).isEqualTo(expected);
    }

    @Test
    void parseReadsCurrentLayout() {
        byte[] key = authKey(2);
        ImportedSession imported = SessionStrings.parse("bot", currentVector(4, 987, false, key, 7_777_777_777L, true));
        assertThat(imported.source()).isEqualTo(ImportedSession.Source.PYROGRAM_SESSION_STRING);
        assertThat(imported.session()).isEqualTo(pyrogramSession("bot", 4, "149.154.167.91", false, key, 987));
        assertThat(imported.userId()).hasValue(7_777_777_777L);
        assertThat(imported.bot()).contains(true);
    }

    @Test
    void parseReadsOlderLayoutWith64BitUserId() {
        byte[] key = authKey(3);
        String vector = old64Vector(5, false, key, 6_000_000_000L, false);
        assertThat(vector).hasSize(356);
        ImportedSession imported = SessionStrings.parse("old", vector);
        assertThat(imported.session()).isEqualTo(pyrogramSession("old", 5, "91.108.56.130", false, key, 0));
        assertThat(imported.userId()).hasValue(6_000_000_000L);
        assertThat(imported.bot()).contains(false);
    }

    @Test
    void parseReadsOldestLayoutWith32BitUserId() {
        byte[] key = authKey(4);
        // 0xF0000000 checks the 32-bit id is read unsigned, as Python's 'I' is.
        String vector = old32Vector(1, false, key, 0xF000_0000, true);
        assertThat(vector).hasSize(351);
        ImportedSession imported = SessionStrings.parse("oldest", vector);
        assertThat(imported.session()).isEqualTo(pyrogramSession("oldest", 1, "149.154.175.53", false, key, 0));
        assertThat(imported.userId()).hasValue(0xF000_0000L);
        assertThat(imported.bot()).contains(true);
    }

    @Test
    void parseFillsTestDcAddressFromTestFlag() {
        ImportedSession imported = SessionStrings.parse("t", currentVector(2, 1, true, authKey(5), 42, false));
        assertThat(imported.session().testMode()).isTrue();
        assertThat(imported.session().serverAddress()).isEqualTo("149.154.167.40");
        assertThat(imported.session().port()).isEqualTo(443);
    }

    @Test
    void roundTripKeepsEverythingPyrogramCarries() {
        Session session = pyrogramSession("rt", 3, "149.154.175.100", false, authKey(6), 2040);
        String text = SessionStrings.exportPyrogram(session, 123, true);
        ImportedSession back = SessionStrings.parse("rt", text);
        assertThat(back).isEqualTo(ImportedSession.fromString(ImportedSession.Source.PYROGRAM_SESSION_STRING, session, 123, true));
        assertThat(SessionStrings.export(back, SessionStringFormat.PYROGRAM)).isEqualTo(text);
        Session test = pyrogramSession("rt", 3, "149.154.175.117", true, authKey(7), 1);
        assertThat(SessionStrings.parse("rt", SessionStrings.exportPyrogram(test, 9, false)).session()).isEqualTo(test);
    }

    @Test
    void parseAcceptsCorrectPaddingButNotWrongPadding() {
        String vector = currentVector(2, 1, false, authKey(8), 42, false);
        assertThat(vector.length() % 4).isEqualTo(2);
        assertThat(SessionStrings.parse("p", vector + "==").userId()).hasValue(42);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", vector + "="))
            .withMessageContaining("base64");
    }

    @Test
    void parseRejectsTruncatedAndWrongLengthStrings() {
        String vector = currentVector(2, 1, false, authKey(9), 42, false);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", vector.substring(0, 361)))
            .withMessageContaining("truncated");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", vector.substring(0, 360)))
            .withMessageContaining("decodes to 270 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", vector + "AAAA"))
            .withMessageContaining("decodes to 274 bytes");
    }

    @Test
    void parseRejectsBadFlagsDcAndKey() {
        ByteBuffer badFlag = ByteBuffer.allocate(271);
        badFlag.put((byte) 2).putInt(1).put((byte) 7).put(authKey(10)).putLong(42).put((byte) 0);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", unpadded(badFlag)))
            .withMessageContaining("test_mode flag must be 0 or 1");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", currentVector(6, 1, false, authKey(11), 42, false)))
            .withMessageContaining("DC 6");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", currentVector(4, 1, true, authKey(11), 42, false)))
            .withMessageContaining("test DC 4");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("p", currentVector(2, 1, false, new byte[256], 42, false)))
            .withMessageContaining("all-zero");
    }

    @Test
    void exportNeedsUserId() {
        Session session = pyrogramSession("me", 2, "149.154.167.51", false, authKey(12), 1);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.exportPyrogram(session, 0, false))
            .withMessageContaining("userId");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.PYROGRAM))
            .withMessageContaining("exportPyrogram");
        ImportedSession telethon = ImportedSession.fromString(ImportedSession.Source.TELETHON_STRING_SESSION, session, 0, null);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(telethon, SessionStringFormat.PYROGRAM))
            .withMessageContaining("user id");
    }

}
