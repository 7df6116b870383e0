package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.mtgo.storage.Session;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.interop.SessionStringFixtures.authKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TelethonSessionStringTests {

    /** Builds Telethon's {@code >B4sH256s} (or {@code >B16sH256s}) by hand from the public layout. */
    private static String telethonVector(int dcId, byte[] packedAddress, int port, byte[] key) {
        ByteBuffer bytes = ByteBuffer.allocate(1 + packedAddress.length + 2 + 256);
        bytes.put((byte) dcId).put(packedAddress).putShort((short) port).put(key);
        return "1" + Base64.getUrlEncoder().encodeToString(bytes.array());
    }

    @Test
    void exportWritesTelethonIpv4LayoutByteForByte() {
        byte[] key = authKey(1);
        Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(443).authKey(key).build();
        String expected = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 51 }, 443, key);
        assertThat(expected).hasSize(353);
        assertThat(SessionStrings.export(session, SessionStringFormat.TELETHON)).isEqualTo(expected);
    }

    @Test
    void parseReadsTelethonIpv4Vector() {
        byte[] key = authKey(2);
        String vector = telethonVector(4, new byte[] { (byte) 149, (byte) 154, (byte) 167, 91 }, 443, key);
        ImportedSession imported = SessionStrings.parse("imported", vector);
        assertThat(imported.source()).isEqualTo(ImportedSession.Source.TELETHON_STRING_SESSION);
        assertThat(imported.session()).isEqualTo(Session.builder("imported").dcId(4).serverAddress("149.154.167.91").port(443)
            .authKey(key).build());
        assertThat(imported.userId()).isEmpty();
        assertThat(imported.bot()).isEmpty();
    }

    @Test
    void exportWritesTelethonIpv6LayoutByteForByte() {
        byte[] key = authKey(3);
        Session session = Session.builder("me").dcId(2).serverAddress("2001:67c:4e8:f002::a").port(443).authKey(key).build();
        byte[] packed = new byte[16];
        ByteBuffer.wrap(packed).putShort((short) 0x2001).putShort((short) 0x067c).putShort((short) 0x04e8)
            .putShort((short) 0xf002).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0x000a);
        String expected = telethonVector(2, packed, 443, key);
        assertThat(expected).hasSize(369);
        assertThat(SessionStrings.export(session, SessionStringFormat.TELETHON)).isEqualTo(expected);
        assertThat(SessionStrings.parse("me", expected).session()).isEqualTo(session);
    }

    @Test
    void parseWritesIpv6InCompressedForm() {
        byte[] packed = new byte[16];
        ByteBuffer.wrap(packed).putShort((short) 0x2001).putShort((short) 0x0b28).putShort((short) 0xf23d)
            .putShort((short) 0xf001).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0x000a);
        Session session = SessionStrings.parse("me", telethonVector(1, packed, 443, authKey(4))).session();
        assertThat(session.serverAddress()).isEqualTo("2001:b28:f23d:f001::a");
    }

    @Test
    void exportAcceptsUncompressedIpv6() {
        Session session = Session.builder("me").dcId(2).serverAddress("2001:067C:04e8:F002:0:0:0:000a").port(443)
            .authKey(authKey(5)).build();
        Session back = SessionStrings.parse("me", SessionStrings.export(session, SessionStringFormat.TELETHON)).session();
        assertThat(back.serverAddress()).isEqualTo("2001:67c:4e8:f002::a");
    }

    @Test
    void roundTripKeepsEverythingTelethonCarries() {
        Session ipv4 = Session.builder("a").dcId(5).serverAddress("91.108.56.130").port(443).authKey(authKey(6)).build();
        Session ipv6 = Session.builder("b").dcId(3).serverAddress("2001:b28:f23d:f003::a").port(5222).authKey(authKey(7)).build();
        Session test = Session.builder("c").dcId(2).serverAddress("149.154.167.40").port(443).testMode(true)
            .authKey(authKey(8)).build();
        for (Session session : new Session[] { ipv4, ipv6, test }) {
            String text = SessionStrings.export(session, SessionStringFormat.TELETHON);
            assertThat(SessionStrings.parse(session.name(), text).session()).isEqualTo(session);
            assertThat(SessionStrings.parse(session.name(), text, SessionStringFormat.TELETHON).session()).isEqualTo(session);
        }
    }

    @Test
    void parseMarksTestDcAddressesAsTestMode() {
        byte[] key = authKey(9);
        String vector = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 40 }, 443, key);
        assertThat(SessionStrings.parse("t", vector).session().testMode()).isTrue();
    }

    @Test
    void exportFillsMissingAddressAndPortFromDcTable() {
        Session session = Session.builder("me").dcId(1).authKey(authKey(10)).apiId(12345).apiHash("0123456789abcdef").build();
        Session back = SessionStrings.parse("me", SessionStrings.export(session, SessionStringFormat.TELETHON)).session();
        assertThat(back.serverAddress()).isEqualTo("149.154.175.53");
        assertThat(back.port()).isEqualTo(443);
        // Telethon carries no api id or hash.
        assertThat(back.apiId()).isZero();
        assertThat(back.apiHash()).isNull();
    }

    @Test
    void exportRejectsHostName() {
        Session session = Session.builder("me").dcId(2).serverAddress("venus.web.telegram.org").port(443).authKey(authKey(11))
            .build();
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.TELETHON))
            .withMessageContaining("no IP address");
    }

    @Test
    void exportRejectsSessionWithoutAuthKey() {
        Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(443).build();
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.TELETHON))
            .withMessageContaining("no auth key");
    }

    @Test
    void parseRejectsWrongVersion() {
        String vector = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 51 }, 443, authKey(12));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SessionStrings.parse("me", "2" + vector.substring(1), SessionStringFormat.TELETHON))
            .withMessageContaining("version '1'");
    }

    @Test
    void parseRejectsTruncatedString() {
        String vector = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 51 }, 443, authKey(13));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", vector.substring(0, 301)))
            .withMessageContaining("bytes but must hold 263 (IPv4) or 275 (IPv6)");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", vector.substring(0, 350)))
            .withMessageContaining("not a multiple of 4");
    }

    @Test
    void parseRejectsMissingOrWrongPadding() {
        String vector = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 51 }, 443, authKey(14));
        assertThat(vector).endsWith("=");
        String unpadded = vector.substring(0, vector.length() - 1);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", unpadded, SessionStringFormat.TELETHON))
            .withMessageContaining("padded");
        String overPadded = vector + "==";
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", overPadded, SessionStringFormat.TELETHON))
            .withMessageContaining("not a multiple of 4");
        String paddedInside = vector.substring(0, 101) + "=" + vector.substring(102);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", paddedInside, SessionStringFormat.TELETHON))
            .withMessageContaining("not valid URL-safe base64");
    }

    @Test
    void parseRejectsWrongLength() {
        ByteBuffer bytes = ByteBuffer.allocate(1 + 4 + 2 + 255);
        bytes.put((byte) 2).put(new byte[] { 1, 2, 3, 4 }).putShort((short) 443).put(new byte[255]);
        String shortKey = "1" + Base64.getUrlEncoder().encodeToString(bytes.array());
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", shortKey, SessionStringFormat.TELETHON))
            .withMessageContaining("decodes to 262 bytes");
    }

    @Test
    void parseRejectsUnknownDcAndEmptyKey() {
        byte[] ip = { (byte) 149, (byte) 154, (byte) 167, 51 };
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", telethonVector(0, ip, 443, authKey(15))))
            .withMessageContaining("DC 0");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", telethonVector(9, ip, 443, authKey(15))))
            .withMessageContaining("DC 9");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", telethonVector(2, ip, 443, new byte[256])))
            .withMessageContaining("all-zero");
    }

    @Test
    void errorsNeverQuoteTheString() {
        String vector = telethonVector(2, new byte[] { (byte) 149, (byte) 154, (byte) 167, 51 }, 443, authKey(16));
        String broken = vector.substring(0, 200) + "*" + vector.substring(201);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", broken, SessionStringFormat.TELETHON))
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(vector.substring(1, 20)).doesNotContain("*"));
    }

    @Test
    void parseReadsATelethonStringInTheStandardBase64Alphabet() {
        for (String address : new String[] { "149.154.167.51", "2001:67c:4e8:f002::a" }) {
            Session session = Session.builder("me").dcId(2).serverAddress(address).port(443).authKey(authKey(14)).build();
            String urlSafe = SessionStrings.export(session, SessionStringFormat.TELETHON);
            // What Python's base64.b64encode, or any standard tool, makes of the same bytes; Telethon reads it.
            String standard = urlSafe.replace('-', '+').replace('_', '/');
            assertThat(standard).as(address).containsAnyOf("+", "/");
            assertThat(SessionStrings.detect(standard)).as(address).isEqualTo(SessionStringFormat.TELETHON);
            ImportedSession imported = SessionStrings.parse("me", standard);
            assertThat(imported.source()).isEqualTo(ImportedSession.Source.TELETHON_STRING_SESSION);
            assertThat(imported.session()).isEqualTo(session);
            assertThat(SessionStrings.parse("me", standard, SessionStringFormat.TELETHON).session()).isEqualTo(session);
        }
    }

}
