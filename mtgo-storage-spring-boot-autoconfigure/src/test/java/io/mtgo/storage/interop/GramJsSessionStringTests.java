package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mtgo.storage.Session;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.interop.SessionStringFixtures.authKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GramJsSessionStringTests {

    /** GramJS's layout, built by hand: DC id, int16 address length, address, int16 port, key. */
    private static String gramJsVector(int dcId, String address, int port, byte[] key) {
        byte[] text = address.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(1 + 2 + text.length + 2 + key.length);
        bytes.put((byte) dcId).putShort((short) text.length).put(text).putShort((short) port).put(key);
        return "1" + Base64.getEncoder().encodeToString(bytes.array());
    }

    @Test
    void exportWritesGramJsLayoutByteForByte() {
        byte[] key = authKey(1);
        Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(443).authKey(key).build();
        assertThat(SessionStrings.export(session, SessionStringFormat.GRAMJS)).isEqualTo(gramJsVector(2, "149.154.167.51", 443, key));
    }

    @Test
    void parseReadsGramJsVector() {
        byte[] key = authKey(2);
        ImportedSession imported = SessionStrings.parse("js", gramJsVector(1, "149.154.175.53", 443, key));
        assertThat(imported.source()).isEqualTo(ImportedSession.Source.GRAMJS_STRING_SESSION);
        assertThat(imported.session()).isEqualTo(Session.builder("js").dcId(1).serverAddress("149.154.175.53").port(443)
            .authKey(key).build());
        assertThat(imported.userId()).isEmpty();
    }

    @Test
    void roundTripKeepsEverythingGramJsCarries() {
        Session[] sessions = {
                Session.builder("a").dcId(4).serverAddress("149.154.167.91").port(443).authKey(authKey(3)).build(),
                Session.builder("b").dcId(2).serverAddress("2001:67c:4e8:f002::a").port(443).authKey(authKey(4)).build(),
                Session.builder("c").dcId(2).serverAddress("venus.web.telegram.org").port(80).authKey(authKey(5)).build(),
                Session.builder("d").dcId(2).serverAddress("149.154.167.40").port(443).testMode(true).authKey(authKey(6)).build() };
        for (Session session : sessions) {
            String text = SessionStrings.export(session, SessionStringFormat.GRAMJS);
            assertThat(SessionStrings.detect(text)).isEqualTo(SessionStringFormat.GRAMJS);
            assertThat(SessionStrings.parse(session.name(), text).session()).isEqualTo(session);
        }
    }

    @Test
    void parseRejectsAddressLengthThatDoesNotFit() {
        byte[] key = authKey(7);
        ByteBuffer bytes = ByteBuffer.allocate(1 + 2 + 14 + 2 + 256);
        bytes.put((byte) 2).putShort((short) 15).put("149.154.167.51".getBytes(StandardCharsets.US_ASCII)).putShort((short) 443)
            .put(key);
        String text = "1" + Base64.getEncoder().encodeToString(bytes.array());
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("js", text, SessionStringFormat.GRAMJS))
            .withMessageContaining("255 bytes for the auth key");
    }

    @Test
    void parseRejectsTruncatedString() {
        String vector = gramJsVector(2, "149.154.167.51", 443, authKey(8));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SessionStrings.parse("js", vector.substring(0, 361), SessionStringFormat.GRAMJS))
            .withMessageContaining("bytes for the auth key");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SessionStrings.parse("js", vector.substring(0, 11), SessionStringFormat.GRAMJS))
            .withMessageContaining("fewer than");
    }

    @Test
    void parseRejectsWrongVersionAndBadBase64() {
        String vector = gramJsVector(2, "149.154.167.51", 443, authKey(9));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("js", "0" + vector.substring(1), SessionStringFormat.GRAMJS))
            .withMessageContaining("version '1'");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("js", vector + "=", SessionStringFormat.GRAMJS))
            .withMessageContaining("base64");
    }

    @Test
    void exportRejectsPortGramJsCannotWrite() {
        Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(40_000).authKey(authKey(10)).build();
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.GRAMJS))
            .withMessageContaining("32767");
    }

    @Test
    void exportRejectsAddressesGramJsWouldReadBackWrongly() {
        // 1 to 3 characters give a 352-character body, which GramJS reads as a Telethon IPv4 string;
        // a length field over 100 it reads as the start of a Telethon IPv6 address.
        for (String address : new String[] { "a", "ab", "abc", "h".repeat(101) }) {
            Session session = Session.builder("me").dcId(2).serverAddress(address).port(443).authKey(authKey(11)).build();
            assertThatIllegalArgumentException().as(address)
                .isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.GRAMJS))
                .withMessageContaining("serverAddress of " + address.length() + " characters")
                .withMessageContaining("4 to 100");
        }
    }

    @Test
    void exportWritesTheShortestAndLongestAddressesGramJsReadsBack() {
        for (String address : new String[] { "abcd", "h".repeat(100) }) {
            Session session = Session.builder("me").dcId(2).serverAddress(address).port(443).authKey(authKey(12)).build();
            String exported = SessionStrings.export(session, SessionStringFormat.GRAMJS);
            assertThat(exported.length() - 1).as(address).isNotEqualTo(352);
            ImportedSession imported = SessionStrings.parse("me", exported);
            assertThat(imported.source()).isEqualTo(ImportedSession.Source.GRAMJS_STRING_SESSION);
            assertThat(imported.session()).isEqualTo(session);
        }
    }

    @Test
    void parseReadsAGramJsStringInTheUrlSafeAlphabetAsNodeDoes() {
        Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(443).authKey(authKey(13)).build();
        String exported = SessionStrings.export(session, SessionStringFormat.GRAMJS);
        String urlSafe = exported.replace('+', '-').replace('/', '_');
        assertThat(urlSafe).containsAnyOf("-", "_");
        assertThat(SessionStrings.parse("me", urlSafe, SessionStringFormat.GRAMJS).session()).isEqualTo(session);
        assertThat(SessionStrings.parse("me", urlSafe).session()).isEqualTo(session);
    }

}
