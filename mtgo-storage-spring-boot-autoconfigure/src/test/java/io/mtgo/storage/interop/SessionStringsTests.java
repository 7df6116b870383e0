package io.mtgo.storage.interop;

import java.nio.ByteBuffer;
import java.util.Base64;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.interop.SessionStringFixtures.authKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionStringsTests {

    private final Session session = Session.builder("me").dcId(2).serverAddress("149.154.167.51").port(443)
        .authKey(authKey(1)).build();

    @Test
    void detectTellsEachFormatApart() {
        assertThat(SessionStrings.detect(SessionStrings.export(this.session, SessionStringFormat.TELETHON)))
            .isEqualTo(SessionStringFormat.TELETHON);
        assertThat(SessionStrings.detect(SessionStrings.export(this.session, SessionStringFormat.GRAMJS)))
            .isEqualTo(SessionStringFormat.GRAMJS);
        assertThat(SessionStrings.detect(SessionStrings.exportPyrogram(this.session, 1, false)))
            .isEqualTo(SessionStringFormat.PYROGRAM);
    }

    @Test
    void detectUsesLayoutWhenNoAlphabetSpecificCharacterAppears() {
        // A key of zero-ish bytes base64-encodes to letters only; neither '-_' nor '+/' appears.
        byte[] key = new byte[256];
        key[255] = 1;
        Session plain = this.session.toBuilder().authKey(key).build();
        String telethon = SessionStrings.export(plain, SessionStringFormat.TELETHON);
        String gramJs = SessionStrings.export(plain.toBuilder().serverAddress("2001:b28:f23d:f001::a").build(),
                SessionStringFormat.GRAMJS);
        assertThat(telethon.substring(1)).doesNotContain("-", "_", "+", "/");
        assertThat(SessionStrings.detect(telethon)).isEqualTo(SessionStringFormat.TELETHON);
        assertThat(SessionStrings.detect(gramJs)).isEqualTo(SessionStringFormat.GRAMJS);
        assertThat(SessionStrings.parse("me", telethon).session()).isEqualTo(plain);
    }

    @Test
    void gramJsStringOfTelethonIpv6LengthIsNotMistaken() {
        // A 14-character address makes a GramJS string exactly as long as a Telethon IPv6 one.
        String gramJs = SessionStrings.export(this.session, SessionStringFormat.GRAMJS);
        assertThat(Base64.getDecoder().decode(gramJs.substring(1))).hasSize(TelethonSessionString.IPV6_LENGTH);
        assertThat(SessionStrings.parse("me", gramJs).source()).isEqualTo(ImportedSession.Source.GRAMJS_STRING_SESSION);
    }

    @Test
    void convertsBetweenFormats() {
        ImportedSession fromPyrogram = SessionStrings.parse("me", SessionStrings.exportPyrogram(this.session, 42, false));
        String telethon = SessionStrings.export(fromPyrogram, SessionStringFormat.TELETHON);
        String gramJs = SessionStrings.export(SessionStrings.parse("me", telethon), SessionStringFormat.GRAMJS);
        assertThat(SessionStrings.parse("me", gramJs).session()).isEqualTo(this.session);
    }

    @Test
    void parseIgnoresSurroundingWhitespace() {
        String text = SessionStrings.export(this.session, SessionStringFormat.TELETHON);
        assertThat(SessionStrings.parse("me", "  " + text + "\n").session()).isEqualTo(this.session);
    }

    /** Pasted from a terminal or a mail, or folded by {@code fold -w 64}: GramJS itself reads such strings. */
    @Test
    void parseIgnoresWhitespaceInsideTheString() {
        for (SessionStringFormat format : new SessionStringFormat[] { SessionStringFormat.TELETHON, SessionStringFormat.GRAMJS }) {
            String text = SessionStrings.export(this.session, format);
            String folded = text.replaceAll("(.{64})", "$1\n") + "\u00A0";
            String spaced = text.substring(0, 100) + " \t" + text.substring(100) + "\u200B";
            assertThat(SessionStrings.parse("me", folded).session()).as(format + " folded").isEqualTo(this.session);
            assertThat(SessionStrings.parse("me", spaced, format).session()).as(format + " spaced").isEqualTo(this.session);
        }
        String pyrogram = SessionStrings.exportPyrogram(this.session, 42, false);
        assertThat(SessionStrings.parse("me", pyrogram.replaceAll("(.{76})", "$1\r\n")).userId()).hasValue(42);
    }

    @Test
    void parseRejectsEmptyAndUnknownStrings() {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", "   "))
            .withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", "hello world!"))
            .withMessageContaining("not a Telethon, Pyrogram or GramJS session string");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", null))
            .withMessageContaining("text");
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse(" ", "1AAAA"))
            .withMessageContaining("sessionName");
    }

    @Test
    void parseRejectsStringStartingWithUnknownVersion() {
        ByteBuffer bytes = ByteBuffer.allocate(263);
        bytes.put((byte) 2).put(new byte[] { 1, 2, 3, 4 }).putShort((short) 443).put(authKey(2));
        String telethonV2 = "2" + Base64.getUrlEncoder().encodeToString(bytes.array());
        // Not '1', so read as Pyrogram, whose lengths it does not match: the message names the version.
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.parse("me", telethonV2))
            .withMessageStartingWith("session string starts with '2' where Telethon and GramJS strings start with version '1', "
                    + "and is no Pyrogram string either (")
            .withMessageContaining("Pyrogram");
    }

    @Test
    void toStringShowsNeitherKeyNorString() {
        String text = SessionStrings.exportPyrogram(this.session, 42, true);
        ImportedSession imported = SessionStrings.parse("me", text);
        String shown = imported.toString();
        assertThat(shown).contains("PYROGRAM", "userId=42", "bot=true", "[redacted]").doesNotContain(text.substring(0, 16));
        byte[] key = authKey(1);
        assertThat(shown).doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 12));
    }

    @Test
    void saveToWritesSessionAndAccountData() {
        ImportedSession imported = SessionStrings.parse("imported", SessionStrings.exportPyrogram(this.session, 42, true));
        try (Storage storage = Storages.memory("other")) {
            imported.saveTo(storage);
            Storage scoped = storage.forSession("imported");
            assertThat(scoped.loadSession("imported")).contains(imported.session());
            assertThat(scoped.getUserId()).hasValue(42);
            assertThat(scoped.getIsBot()).contains(true);
            assertThat(storage.getUserId()).isEmpty();
        }
    }

}
