package io.mtgo.storage.interop;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionFile;
import io.mtgo.storage.SessionFiles;
import io.mtgo.storage.SessionString;
import io.mtgo.storage.SessionStringFormat;
import io.mtgo.storage.SessionStrings;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mtgo.storage.interop.InteropTools.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telethon itself writes {@code StringSession} strings and {@code SQLiteSession} files offline; we
 * import them, export them back, and Telethon loads our export: every field equal.
 */
class TelethonInteropTests {

    /** Reads "write dc address port keyhex" lines and prints Telethon's string for each; "read" lines print its fields. */
    private static final String STRINGS = """
            import sys, hashlib
            from telethon.sessions import StringSession
            from telethon.crypto import AuthKey
            for line in sys.stdin.read().splitlines():
                op, rest = line.split(' ', 1)
                if op == 'write':
                    dc, address, port, key = rest.split(' ')
                    s = StringSession()
                    s.set_dc(int(dc), address, int(port))
                    s.auth_key = AuthKey(bytes.fromhex(key))
                    print(s.save())
                else:
                    s = StringSession(rest)
                    print(s.dc_id, s.server_address, s.port, hashlib.sha256(s.auth_key.key).hexdigest())
            """;

    /**
     * Writes a .session file the way a running client fills it: process_entities with real User,
     * Chat and Channel objects (a user, a chat and a channel sharing id 42; a username that moved from
     * user 9 to user 8 a minute later), and set_update_state.
     */
    private static final String WRITE_FILE = """
            import sys, datetime, types as pytypes
            import telethon.sessions.sqlite as sqlite_module
            from telethon.sessions import SQLiteSession
            from telethon.crypto import AuthKey
            from telethon.tl import types
            clock = [1700000000]
            sqlite_module.time = pytypes.SimpleNamespace(time=lambda: clock[0])
            path, key = sys.argv[1], sys.stdin.read().strip()
            s = SQLiteSession(path)
            s.set_dc(4, '149.154.167.91', 443)
            s.auth_key = AuthKey(bytes.fromhex(key))
            user = types.User(id=42, access_hash=4242, username='Real_User', phone='15550042', first_name='Real', last_name='User')
            chat = types.Chat(id=42, title='Real chat', photo=types.ChatPhotoEmpty(), participants_count=3, date=None, version=1)
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
            """;

    /** Prints what Telethon resolves from the file: each peer's input entity, the username's holder, the session. */
    private static final String READ_FILE = """
            import sys, hashlib
            from telethon.sessions import SQLiteSession
            from telethon.tl import types
            s = SQLiteSession(sys.argv[1])
            for peer in (types.PeerUser(42), types.PeerChat(42), types.PeerChannel(42), types.PeerUser(8), types.PeerUser(9)):
                print(type(peer).__name__, s.get_input_entity(peer).to_dict())
            print('username', s.get_entity_rows_by_username('moved_handle'))
            print('session', s.dc_id, s.server_address, s.port, hashlib.sha256(s.auth_key.key).hexdigest())
            """;

    @TempDir
    Path dir;

    private static byte[] randomKey() {
        byte[] key = new byte[256];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    @Test
    void telethonStringsImportAndOurExportsLoadInTelethonWithEveryFieldEqual() {
        Map<Session, byte[]> cases = new LinkedHashMap<>();
        for (String address : List.of("149.154.167.51", "2001:67c:4e8:f002::a", "149.154.175.53")) {
            byte[] key = randomKey();
            int dc = address.startsWith("2001") ? 2 : (address.endsWith(".53") ? 1 : 2);
            cases.put(Session.builder("telethon").dcId(dc).serverAddress(address).port(443).authKey(key).build(), key);
        }
        StringBuilder writes = new StringBuilder();
        cases.forEach((session, key) -> writes.append("write ").append(session.dcId()).append(' ').append(session.serverAddress())
            .append(' ').append(session.port()).append(' ').append(HexFormat.of().formatHex(key)).append('\n'));
        List<String> written = InteropTools.python(STRINGS, writes.toString()).lines().toList();
        assertThat(written).hasSize(cases.size());

        StringBuilder reads = new StringBuilder();
        List<Session> expected = List.copyOf(cases.keySet());
        for (int i = 0; i < written.size(); i++) {
            SessionString imported = SessionStrings.parse("telethon", written.get(i));
            assertThat(imported.format()).isEqualTo(SessionStringFormat.TELETHON);
            assertThat(imported.session()).as("import of Telethon's string %d", i).isEqualTo(expected.get(i));
            // Telethon reads the standard alphabet too; so must we.
            String standard = written.get(i).replace('-', '+').replace('_', '/');
            assertThat(SessionStrings.parse("telethon", standard).session()).isEqualTo(expected.get(i));
            reads.append("read ").append(SessionStrings.export(imported.session(), SessionStringFormat.TELETHON)).append('\n');
            reads.append("read ").append(standard).append('\n');
        }
        List<String> loaded = InteropTools.python(STRINGS, reads.toString()).lines().toList();
        assertThat(loaded).hasSize(2 * expected.size());
        for (int i = 0; i < loaded.size(); i++) {
            Session session = expected.get(i / 2);
            assertThat(loaded.get(i)).as("Telethon's load of line %d", i).isEqualTo(session.dcId() + " " + session.serverAddress()
                    + " " + session.port() + " " + fingerprint(session.authKey()));
        }
    }

    @Test
    void telethonSessionFileImportsAsTelethonResolvesItAndOurExportLoadsInTelethon() throws Exception {
        byte[] key = randomKey();
        String base = this.dir.resolve("real").toString();
        InteropTools.python(WRITE_FILE, HexFormat.of().formatHex(key), base);

        SessionFile file = SessionFiles.read(Path.of(base + ".session"), "from-telethon");
        assertThat(file.library()).isEqualTo(SessionFile.Library.TELETHON);
        assertThat(file.session()).isEqualTo(Session.builder("from-telethon").dcId(4).serverAddress("149.154.167.91").port(443)
            .authKey(key).build());
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

            String telethonView = InteropTools.python(READ_FILE, "", base);
            assertThat(telethonView.lines().toList()).containsExactly(
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 42, 'access_hash': 4242}",
                    "PeerChat {'_': 'InputPeerChat', 'chat_id': 42}",
                    "PeerChannel {'_': 'InputPeerChannel', 'channel_id': 42, 'access_hash': -99}",
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 8, 'access_hash': 808}",
                    "PeerUser {'_': 'InputPeerUser', 'user_id': 9, 'access_hash': 909}",
                    // Telethon's own lookup of the moved username: the holder we imported.
                    "username (8, 808)",
                    "session 4 149.154.167.91 443 " + fingerprint(key));
            for (PeerType type : PeerType.values()) {
                Peer imported = storage.loadPeer(type, 42).orElseThrow();
                assertThat(telethonView).contains(inputPeer(imported));
            }
        }

        String exported = SessionStrings.export(file.session(), SessionStringFormat.TELETHON);
        assertThat(InteropTools.python(STRINGS, "read " + exported + "\n").strip())
            .isEqualTo("4 149.154.167.91 443 " + fingerprint(key));
    }

    /** How Telethon prints the input peer of one of our peers. */
    private static String inputPeer(Peer peer) {
        return switch (peer.type()) {
            case USER -> "{'_': 'InputPeerUser', 'user_id': " + peer.id() + ", 'access_hash': " + peer.accessHash() + "}";
            case CHAT -> "{'_': 'InputPeerChat', 'chat_id': " + peer.id() + "}";
            case CHANNEL -> "{'_': 'InputPeerChannel', 'channel_id': " + peer.id() + ", 'access_hash': " + peer.accessHash() + "}";
        };
    }

}
