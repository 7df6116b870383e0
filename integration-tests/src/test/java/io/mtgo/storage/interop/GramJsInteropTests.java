package io.mtgo.storage.interop;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.mtgo.storage.Session;
import io.mtgo.storage.interop.ImportedSession;
import io.mtgo.storage.interop.SessionStringFormat;
import io.mtgo.storage.interop.SessionStrings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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

    /**
     * GramJS, answering one request per line: {@code write dc address port keyhex} prints its
     * {@code StringSession} string; {@code read string} prints DC, address, port and the key's
     * SHA-256 as it loads them.
     */
    private static final String GRAMJS = """
            const { StringSession } = require('telegram/sessions');
            const { AuthKey } = require('telegram/crypto/AuthKey');
            const crypto = require('crypto');
            const readline = require('readline');

            async function answer(line) {
              const [op, ...args] = line.trim().split(' ');
              if (op === 'write') {
                const [dc, address, port, key] = args;
                const session = new StringSession('');
                session.setDC(Number(dc), address, Number(port));
                const authKey = new AuthKey();
                await authKey.setKey(Buffer.from(key, 'hex'));
                session.setAuthKey(authKey);
                return session.save();
              }
              const session = new StringSession(args[0]);
              await session.load();
              const fingerprint = crypto.createHash('sha256').update(session.authKey.getKey()).digest('hex');
              return [session.dcId, session.serverAddress, session.port, fingerprint].join(' ');
            }

            (async () => {
              for await (const line of readline.createInterface({ input: process.stdin })) {
                let reply;
                try {
                  reply = await answer(line);
                } catch (error) {
                  reply = 'error ' + error.name;
                }
                process.stdout.write(reply + '\\n');
              }
            })();
            """;

    private static LibraryProcess gramJs;

    /** Started before the first test, so that a missing library shows as each test skipped with the reason. */
    @BeforeEach
    void startGramJs() {
        if (gramJs == null) {
            gramJs = InteropTools.gramJs(GRAMJS);
        }
    }

    @AfterAll
    static void stopGramJs() {
        if (gramJs != null) {
            gramJs.close();
            gramJs = null;
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[256];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    private static String write(Session session) {
        return gramJs.ask("write " + session.dcId() + " " + session.serverAddress() + " " + session.port() + " "
                + HexFormat.of().formatHex(session.authKey()));
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
                Session.builder("gramjs").dcId(1).serverAddress("abcd").port(443).authKey(randomKey()).build(),
                Session.builder("gramjs").dcId(5).serverAddress("h".repeat(100)).port(32_767).authKey(randomKey()).build());
        for (Session session : sessions) {
            ImportedSession imported = SessionStrings.parse("gramjs", write(session));
            assertThat(imported.source()).as("source of GramJS's string for %s", session.serverAddress())
                .isEqualTo(ImportedSession.Source.GRAMJS_STRING_SESSION);
            assertThat(imported.session()).as("import of GramJS's string for %s", session.serverAddress()).isEqualTo(session);
            String exported = SessionStrings.export(imported.session(), SessionStringFormat.GRAMJS);
            assertThat(gramJs.ask("read " + exported)).as("GramJS's load of our export for %s", session.serverAddress())
                .isEqualTo(fields(session));
        }
    }

    @Test
    void gramJsMisreadsTheAddressesOurExportRefuses() {
        for (String address : List.of("a", "abc", "h".repeat(101))) {
            Session session = Session.builder("refused").dcId(2).serverAddress(address).port(443).authKey(randomKey()).build();
            assertThatIllegalArgumentException().isThrownBy(() -> SessionStrings.export(session, SessionStringFormat.GRAMJS))
                .withMessageContaining("GramJS reads back only addresses of 4 to 100 characters");
            // GramJS writes such a string itself, and reads it back as something else.
            assertThat(gramJs.ask("read " + write(session))).as("GramJS's reading of its own string for %s", address)
                .isNotEqualTo(fields(session));
        }
    }

}
