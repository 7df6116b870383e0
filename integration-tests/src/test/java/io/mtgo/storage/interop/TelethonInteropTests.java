package io.mtgo.storage.interop;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.interop.ImportedSession;
import io.mtgo.storage.interop.SessionFiles;
import io.mtgo.storage.interop.SessionStringFormat;
import io.mtgo.storage.interop.SessionStrings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mtgo.storage.interop.InteropTools.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telethon itself writes {@code StringSession} strings and {@code SQLiteSession} files offline; we
 * import them, export them back, and Telethon loads our export: every field equal.
 */
class TelethonInteropTests {

    /**
     * Telethon, answering one request per line. {@code string-write} and {@code string-read} use its
     * {@code StringSession}; {@code file-write} fills a {@code SQLiteSession} the way a running client
     * does: process_entities with real User, Chat and Channel objects (a user, a chat and a channel
     * sharing id 42; a username that moved from user 9 to user 8 a minute later) and
     * set_update_state; {@code file-read} prints what Telethon resolves from a file, " | " between
     * items. Keys travel as hex and come back as SHA-256 fingerprints only.
     */
    private static final String TELETHON = """
            import sys, hashlib, datetime, types as pytypes
            import telethon.sessions.sqlite as sqlite_module
            from telethon.sessions import StringSession, SQLiteSession
            from telethon.crypto import AuthKey
            from telethon.tl import types
            clock = [1700000000]
            sqlite_module.time = pytypes.SimpleNamespace(time=lambda: clock[0])

            def fields(s):
                return '%s %s %s %s' % (s.dc_id, s.server_address, s.port, hashlib.sha256(s.auth_key.key).hexdigest())

            def string_write(dc, address, port, key):
                s = StringSession()
                s.set_dc(int(dc), address, int(port))
                s.auth_key = AuthKey(bytes.fromhex(key))
                return s.save()

            def string_read(text):
                return fields(StringSession(text))

            def file_write(path, key):
                clock[0] = 1700000000
                s = SQLiteSession(path)
                s.set_dc(4, '149.154.167.91', 443)
                s.auth_key = AuthKey(bytes.fromhex(key))
                user = types.User(id=42, access_hash=4242, username='Real_User', phone='15550042', first_name='Real',
                                  last_name='User')
                chat = types.Chat(id=42, title='Real chat', photo=types.ChatPhotoEmpty(), participants_count=3, date=None,
                                  version=1)
                channel = types.Channel(id=42, title='Real channel', photo=types.ChatPhotoEmpty(), date=None, access_hash=-99,
                                        username='real_channel')
                s.process_entities(types.contacts.ResolvedPeer(peer=types.PeerUser(42), chats=[chat, channel], users=[user]))
                s.process_entities(types.contacts.ResolvedPeer(peer=types.PeerUser(9), chats=[], users=[
                    types.User(id=9, access_hash=909, username='moved_handle', first_name='Before')]))
                clock[0] += 60
                s.process_entities(types.contacts.ResolvedPeer(peer=types.PeerUser(8), chats=[], users=[
                    types.User(id=8, access_hash=808, username='moved_handle', first_name='After')]))
                s.set_update_state(0, types.updates.State(pts=11, qts=12, seq=13, unread_count=0,
                    date=datetime.datetime.fromtimestamp(1700000000, tz=datetime.timezone.utc)))
                s.save()
                s.close()
                return 'written'

            def file_read(path):
                s = SQLiteSession(path)
                items = []
                for peer in (types.PeerUser(42), types.PeerChat(42), types.PeerChannel(42), types.PeerUser(8), types.PeerUser(9)):
                    items.append('%s %s' % (type(peer).__name__, s.get_input_entity(peer).to_dict()))
                state = s.get_update_state(0)
                items.append('state %s %s %s %s' % (state.pts, state.qts, state.seq, int(state.date.timestamp())))
                items.append('username %s' % (s.get_entity_rows_by_username('moved_handle'),))
                items.append('session ' + fields(s))
                s.close()
                return ' | '.join(items)

            ops = {'string-write': string_write, 'string-read': string_read, 'file-write': file_write, 'file-read': file_read}
            for line in sys.stdin:
                op, *args = line.split()
                try:
                    answer = ops[op](*args)
                except Exception as error:
                    answer = 'error ' + type(error).__name__
                print(answer, flush=True)
            """;

    private static LibraryProcess telethon;

    @TempDir
    Path dir;

    private static byte[] randomKey() {
        byte[] key = new byte[256];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    /** Started before the first test, so that a missing library shows as each test skipped with the reason. */
    @BeforeEach
    void startTelethon() {
        if (telethon == null) {
            telethon = InteropTools.telethon(TELETHON);
        }
    }

    @AfterAll
    static void stopTelethon() {
        if (telethon != null) {
            telethon.close();
            telethon = null;
        }
    }

    @Test
    void telethonStringsImportAndOurExportsLoadInTelethonWithEveryFieldEqual() {
        List<Session> sessions = List.of(
                Session.builder("telethon").dcId(2).serverAddress("149.154.167.51").port(443).authKey(randomKey()).build(),
                Session.builder("telethon").dcId(2).serverAddress("2001:67c:4e8:f002::a").port(443).authKey(randomKey()).build(),
                Session.builder("telethon").dcId(1).serverAddress("149.154.175.53").port(80).authKey(randomKey()).build());
        for (Session session : sessions) {
            String written = telethon.ask("string-write " + session.dcId() + " " + session.serverAddress() + " " + session.port()
                    + " " + HexFormat.of().formatHex(session.authKey()));
            ImportedSession imported = SessionStrings.parse("telethon", written);
            assertThat(imported.source()).isEqualTo(ImportedSession.Source.TELETHON_STRING_SESSION);
            assertThat(imported.session()).as("import of Telethon's string for %s", session.serverAddress()).isEqualTo(session);
            // Telethon reads the standard base64 alphabet too; so must we.
            String standard = written.replace('-', '+').replace('_', '/');
            assertThat(SessionStrings.parse("telethon", standard).session()).isEqualTo(session);
            assertThat(telethon.ask("string-read " + standard)).isEqualTo(fields(session));

            String exported = SessionStrings.export(imported.session(), SessionStringFormat.TELETHON);
            assertThat(telethon.ask("string-read " + exported)).as("Telethon's load of our export for %s", session.serverAddress())
                .isEqualTo(fields(session));
        }
    }

    @Test
    void telethonSessionFileImportsAsTelethonResolvesItAndOurExportLoadsInTelethon() {
        byte[] key = randomKey();
        String base = this.dir.resolve("real").toString();
        assertThat(telethon.ask("file-write " + base + " " + HexFormat.of().formatHex(key))).isEqualTo("written");

        ImportedSession file = SessionFiles.read(Path.of(base + ".session"), "from-telethon");
        Session expectedSession = Session.builder("from-telethon").dcId(4).serverAddress("149.154.167.91").port(443).authKey(key)
            .build();
        assertThat(file.source()).isEqualTo(ImportedSession.Source.TELETHON_SESSION_FILE);
        assertThat(file.session()).isEqualTo(expectedSession);
        assertThat(file.skippedPeers()).isZero();
        try (Storage storage = Storages.memory("from-telethon")) {
            file.saveTo(storage);
            assertThat(storage.loadPeer(PeerType.USER, 42)).contains(Peer.builder(42, PeerType.USER).accessHash(4242)
                .username("real_user").phoneNumber("15550042").firstName("Real User").lastUpdated(1_700_000_000_000L).build());
            assertThat(storage.loadPeer(PeerType.CHAT, 42)).contains(Peer.builder(42, PeerType.CHAT).firstName("Real chat")
                .lastUpdated(1_700_000_000_000L).build());
            assertThat(storage.loadPeer(PeerType.CHANNEL, 42)).contains(Peer.builder(42, PeerType.CHANNEL).accessHash(-99)
                .username("real_channel").firstName("Real channel").lastUpdated(1_700_000_000_000L).build());
            assertThat(storage.loadPeerByUsername("moved_handle")).map(Peer::id).contains(8L);
            assertThat(storage.loadPeer(PeerType.USER, 9)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeer(PeerType.USER, 9)).map(Peer::accessHash).contains(909L);

            List<String> telethonView = List.of(telethon.ask("file-read " + base).split(" \\| "));
            assertThat(telethonView).containsExactly(
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 42, 'access_hash': 4242}",
                    "PeerChat {'_': 'InputPeerChat', 'chat_id': 42}",
                    "PeerChannel {'_': 'InputPeerChannel', 'channel_id': 42, 'access_hash': -99}",
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 8, 'access_hash': 808}",
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 9, 'access_hash': 909}",
                    // set_update_state was written and the file still imports; Telethon's update state is not carried over.
                    "state 11 12 13 1700000000",
                    // Telethon's own lookup of the moved username: the holder we imported.
                    "username (8, 808)",
                    "session " + fields(expectedSession));
            for (PeerType type : PeerType.values()) {
                assertThat(telethonView).as("Telethon's view of our %s 42", type).contains(inputPeer(storage.loadPeer(type, 42).orElseThrow()));
            }
        }

        String exported = SessionStrings.export(file.session(), SessionStringFormat.TELETHON);
        assertThat(telethon.ask("string-read " + exported)).isEqualTo(fields(expectedSession));
    }

    private static String fields(Session session) {
        return session.dcId() + " " + session.serverAddress() + " " + session.port() + " " + fingerprint(session.authKey());
    }

    /** How Telethon prints the input peer of one of our peers. */
    private static String inputPeer(Peer peer) {
        return switch (peer.type()) {
            case USER -> "PeerUser {'_': 'InputPeerUser', 'user_id': " + peer.id() + ", 'access_hash': " + peer.accessHash() + "}";
            case CHAT -> "PeerChat {'_': 'InputPeerChat', 'chat_id': " + peer.id() + "}";
            case CHANNEL -> "PeerChannel {'_': 'InputPeerChannel', 'channel_id': " + peer.id() + ", 'access_hash': "
                    + peer.accessHash() + "}";
        };
    }

}
