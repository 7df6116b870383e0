package io.mtgo.storage.interop;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.mtgo.storage.Session;
import io.mtgo.storage.SessionString;
import io.mtgo.storage.SessionStringFormat;
import io.mtgo.storage.SessionStrings;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.interop.InteropTools.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * GramJS itself writes {@code StringSession} strings offline; we import them, export them back, and
 * GramJS loads our export: every field equal. And GramJS really misreads the addresses our export
 * refuses.
 */
class GramJsInteropTests {

    /** Reads "write dc address port keyhex" and "read string" lines, answering each with one line. */
    private static final String STRINGS = """
            const { StringSession } = require('telegram/sessions');
            const { AuthKey } = require('telegram/crypto/AuthKey');
            const crypto = require('crypto');
            (async () => {
              const input = require('fs').readFileSync(0, 'utf8').split('\\n').filter((line) => line.length > 0);
              for (const line of input) {
                const [op, ...rest] = line.split(' ');
                if (op === 'write') {
                  const [dc, address, port, key] = rest;
                  const session = new StringSession('');
                  session.setDC(Number(dc), address, Number(port));
                  const authKey = new AuthKey();
                  await authKey.setKey(Buffer.from(key, 'hex'));
                  session.setAuthKey(authKey);
                  console.log(session.save());
                } else {
                  const session = new StringSession(rest[0]);
                  await session.load();
                  const fingerprint = crypto.createHash('sha256').update(session.authKey.getKey()).digest('hex');
                  console.log([session.dcId, session.serverAddress, session.port, fingerprint].join(' '));
                }
              }
            })().catch((error) => { console.error(error.message); process.exit(1); });
            """;

    private static byte[] randomKey() {
        byte[] key = new byte[256];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    private static String write(Session session) {
        return "write " + session.dcId() + " " + session.serverAddress() + " " + session.port() + " "
                + HexFormat.of().formatHex(session.authKey()) + "\n";
    }

    private static String fields(Session session) {
        return session.dcId() + " " + session.serverAddress() + " " + session.port() + " " + fingerprint(session.authKey());
    }

    @Test
    void gramJsStringsImportAndOurExportsLoadInGramJsWithEveryFieldEqual() {
        List<Session> sessions = List.of(
                Session.builder("gramjs").dcId(2).serverAddress("149.154.167.51").port(443).authKey(randomKey()).build(),
                Session.builder("gramjs").dcId(4).serverAddress("2001:67c:4e8:f004::a").port(443).authKey(randomKey()).build(),
                Session.builder("gramjs").dcId(2).serverAddress("venus.web.telegram.org").port(80).authKey(randomKey()).build(),
                Session.builder("gramjs").dcId(1).serverAddress("abcd").port(443).authKey(randomKey()).build());
        StringBuilder writes = new StringBuilder();
        sessions.forEach(session -> writes.append(write(session)));
        List<String> written = InteropTools.node(STRINGS, writes.toString()).lines().toList();
        assertThat(written).hasSize(sessions.size());

        StringBuilder reads = new StringBuilder();
        for (int i = 0; i < written.size(); i++) {
            SessionString imported = SessionStrings.parse("gramjs", written.get(i));
            assertThat(imported.format()).as("format of GramJS's string %d", i).isEqualTo(SessionStringFormat.GRAMJS);
            assertThat(imported.session()).as("import of GramJS's string %d", i).isEqualTo(sessions.get(i));
            reads.append("read ").append(SessionStrings.export(imported.session(), SessionStringFormat.GRAMJS)).append('\n');
        }
        List<String> loaded = InteropTools.node(STRINGS, reads.toString()).lines().toList();
        assertThat(loaded).hasSize(sessions.size());
        for (int i = 0; i < loaded.size(); i++) {
            assertThat(loaded.get(i)).as("GramJS's load of our export %d", i).isEqualTo(fields(sessions.get(i)));
        }
    }

    @Test
    void gramJsMisreadsTheShortAddressesOurExportRefuses() {
        List<Session> sessions = List.of(
                Session.builder("short").dcId(2).serverAddress("a").port(443).authKey(randomKey()).build(),
                Session.builder("short").dcId(2).serverAddress("abc").port(443).authKey(randomKey()).build());
        StringBuilder roundTrip = new StringBuilder();
        for (Session session : sessions) {
            assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.GRAMJS))
                .withMessageContaining("GramJS reads back only addresses of 4 to 100 characters");
            roundTrip.append(write(session));
        }
        // GramJS writes these itself, and reads its own strings back as something else.
        List<String> written = InteropTools.node(STRINGS, roundTrip.toString()).lines().toList();
        StringBuilder reads = new StringBuilder();
        written.forEach(string -> reads.append("read ").append(string).append('\n'));
        List<String> loaded = InteropTools.node(STRINGS, reads.toString()).lines().toList();
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(loaded.get(i)).as("GramJS's reading of its own string %d", i).isNotEqualTo(fields(sessions.get(i)));
        }
    }

}
