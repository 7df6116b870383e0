package io.mtgo.storage.interop;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mtgo.storage.interop.SessionStringFixtures.authKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionFilesTests {

    /** Telethon's schema at database version 7, as SQLiteSession creates it (SQLite 3.8.2+ adds "without rowid"). */
    private static final List<String> TELETHON_SCHEMA = List.of(
            "create table version (version integer primary key) without rowid",
            "create table sessions (dc_id integer primary key, server_address text, port integer, auth_key blob,"
                    + " takeout_id integer) without rowid",
            "create table entities (id integer primary key, hash integer not null, username text, phone integer, name text,"
                    + " date integer) without rowid",
            "create table sent_files (md5_digest blob, file_size integer, type integer, id integer, hash integer,"
                    + " primary key(md5_digest, file_size, type)) without rowid",
            "create table update_state (id integer primary key, pts integer, qts integer, date integer, seq integer)"
                    + " without rowid",
            "insert into version values (7)");

    /** Pyrogram's FileStorage schema at version 3, as its SCHEMA script writes it. */
    private static final List<String> PYROGRAM_SCHEMA = List.of("""
            CREATE TABLE sessions
            (
                dc_id     INTEGER PRIMARY KEY,
                api_id    INTEGER,
                test_mode INTEGER,
                auth_key  BLOB,
                date      INTEGER NOT NULL,
                user_id   INTEGER,
                is_bot    INTEGER
            )""", """
            CREATE TABLE peers
            (
                id             INTEGER PRIMARY KEY,
                access_hash    INTEGER,
                type           INTEGER NOT NULL,
                username       TEXT,
                phone_number   TEXT,
                last_update_on INTEGER NOT NULL DEFAULT (CAST(STRFTIME('%s', 'now') AS INTEGER))
            )""", """
            CREATE TABLE version
            (
                number INTEGER PRIMARY KEY
            )""", "CREATE INDEX idx_peers_id ON peers (id)", "CREATE INDEX idx_peers_username ON peers (username)",
            "CREATE INDEX idx_peers_phone_number ON peers (phone_number)", """
            CREATE TRIGGER trg_peers_last_update_on
                AFTER UPDATE
                ON peers
            BEGIN
                UPDATE peers
                SET last_update_on = CAST(STRFTIME('%s', 'now') AS INTEGER)
                WHERE id = NEW.id;
            END""", "INSERT INTO version VALUES (3)");

    /** Newer Pyrogram: usernames in their own table, peers without a username column, update_state. */
    private static final List<String> PYROGRAM_USERNAMES_SCHEMA = List.of("""
            CREATE TABLE sessions
            (
                dc_id     INTEGER PRIMARY KEY,
                api_id    INTEGER,
                test_mode INTEGER,
                auth_key  BLOB,
                date      INTEGER NOT NULL,
                user_id   INTEGER,
                is_bot    INTEGER
            )""", """
            CREATE TABLE peers
            (
                id             INTEGER PRIMARY KEY,
                access_hash    INTEGER,
                type           INTEGER NOT NULL,
                phone_number   TEXT,
                last_update_on INTEGER NOT NULL DEFAULT (CAST(STRFTIME('%s', 'now') AS INTEGER))
            )""", """
            CREATE TABLE usernames
            (
                id       INTEGER,
                username TEXT,
                FOREIGN KEY (id) REFERENCES peers(id)
            )""", """
            CREATE TABLE update_state
            (
                id   INTEGER PRIMARY KEY,
                pts  INTEGER,
                qts  INTEGER,
                date INTEGER,
                seq  INTEGER
            )""", "CREATE TABLE version (number INTEGER PRIMARY KEY)", "INSERT INTO version VALUES (5)");

    @TempDir
    Path dir;

    private Path database(String name, List<String> statements, Object[]... rows) throws SQLException {
        Path file = this.dir.resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            for (Object[] row : rows) {
                try (PreparedStatement insert = connection.prepareStatement((String) row[0])) {
                    for (int i = 1; i < row.length; i++) {
                        insert.setObject(i, row[i]);
                    }
                    insert.executeUpdate();
                }
            }
        }
        return file;
    }

    private static Map<Long, Peer> byId(ImportedSession file) {
        return file.peers().stream().collect(Collectors.toMap(Peer::id, Function.identity()));
    }

    private Path telethonFile(byte[] key) throws SQLException {
        String entity = "insert into entities values (?, ?, ?, ?, ?, ?)";
        return database("telethon.session", TELETHON_SCHEMA,
                new Object[] { "insert into sessions values (?, ?, ?, ?, ?)", 2, "149.154.167.51", 443, key, null },
                new Object[] { entity, 777000L, 1234567L, "telegram", 42777L, "Telegram", 1_700_000_000L },
                new Object[] { entity, -123456L, 0L, null, null, "Old group", 1_700_000_001L },
                new Object[] { entity, -1001234567890L, -55L, "durov_channel", null, "Durov", 1_700_000_002L },
                // Usernames of 1-4 characters break our rules: skipped and counted.
                new Object[] { entity, 555L, 9L, "abc", null, "Short", 1_700_000_003L },
                new Object[] { entity, 0L, 9L, null, null, "Nobody", 1_700_000_004L });
    }

    @Test
    void readsTelethonSessionAndEntities() throws Exception {
        byte[] key = authKey(1);
        ImportedSession file = SessionFiles.read(telethonFile(key), "moved");
        assertThat(file.source()).isEqualTo(ImportedSession.Source.TELETHON_SESSION_FILE);
        assertThat(file.session()).isEqualTo(Session.builder("moved").dcId(2).serverAddress("149.154.167.51").port(443)
            .authKey(key).build());
        assertThat(file.userId()).isEmpty();
        assertThat(file.bot()).isEmpty();
        assertThat(file.peers()).hasSize(3);
        assertThat(file.skippedPeers()).isEqualTo(2);
        Map<Long, Peer> peers = byId(file);
        assertThat(peers.get(777000L)).isEqualTo(Peer.builder(777000, PeerType.USER).accessHash(1234567).username("telegram")
            .phoneNumber("42777").firstName("Telegram").lastUpdated(1_700_000_000_000L).build());
        assertThat(peers.get(123456L).type()).isEqualTo(PeerType.CHAT);
        assertThat(peers.get(123456L).firstName()).isEqualTo("Old group");
        assertThat(peers.get(1234567890L).type()).isEqualTo(PeerType.CHANNEL);
        assertThat(peers.get(1234567890L).accessHash()).isEqualTo(-55);
        assertThat(peers.get(1234567890L).username()).isEqualTo("durov_channel");
    }

    @Test
    void telethonTestServerAddressMarksTestMode() throws Exception {
        Path path = database("test.session", TELETHON_SCHEMA,
                new Object[] { "insert into sessions values (?, ?, ?, ?, ?)", 2, "149.154.167.40", 443, authKey(2), null });
        ImportedSession file = SessionFiles.read(path, "t");
        assertThat(file.session().testMode()).isTrue();
        assertThat(file.peers()).isEmpty();
        assertThat(file.skippedPeers()).isZero();
    }

    @Test
    void readsPyrogramSessionAndPeers() throws Exception {
        byte[] key = authKey(3);
        String peer = "INSERT INTO peers (id, access_hash, type, username, phone_number, last_update_on) VALUES (?, ?, ?, ?, ?, ?)";
        Path path = database("pyrogram.session", PYROGRAM_SCHEMA,
                new Object[] { "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", 4, 12345, 0, key, 1_700_000_000L, 5_000_000_001L, 0 },
                new Object[] { peer, 5_000_000_001L, 111L, "user", "alice_user", "15551234567", 1_700_000_010L },
                new Object[] { peer, 1234L, 444L, "bot", "helper_bot", null, 1_700_000_011L },
                new Object[] { peer, -987654L, 0L, "group", null, null, 1_700_000_012L },
                new Object[] { peer, -1001111111111L, 222L, "supergroup", "bigchat", null, 1_700_000_013L },
                new Object[] { peer, -1002222222222L, 333L, "channel", null, null, 1_700_000_014L },
                new Object[] { peer, 99L, 1L, "user", "bad-name", null, 1_700_000_015L },
                new Object[] { peer, 98L, 1L, "group", null, null, 1_700_000_016L },
                new Object[] { peer, 97L, 1L, "martian", null, null, 1_700_000_017L });
        ImportedSession file = SessionFiles.read(path, "pyro");
        assertThat(file.source()).isEqualTo(ImportedSession.Source.PYROGRAM_SESSION_FILE);
        assertThat(file.session()).isEqualTo(Session.builder("pyro").dcId(4).serverAddress("149.154.167.91").port(443)
            .authKey(key).apiId(12345).date(1_700_000_000_000L).build());
        assertThat(file.userId()).hasValue(5_000_000_001L);
        assertThat(file.bot()).contains(false);
        assertThat(file.peers()).hasSize(5);
        // A bad username, a "group" with a user id and an unknown type.
        assertThat(file.skippedPeers()).isEqualTo(3);
        Map<Long, Peer> peers = byId(file);
        assertThat(peers.get(5_000_000_001L)).isEqualTo(Peer.builder(5_000_000_001L, PeerType.USER).accessHash(111)
            .username("alice_user").usernames(List.of("alice_user")).phoneNumber("15551234567").lastUpdated(1_700_000_010_000L)
            .build());
        assertThat(peers.get(1234L).bot()).isTrue();
        assertThat(peers.get(987654L).type()).isEqualTo(PeerType.CHAT);
        assertThat(peers.get(1111111111L).type()).isEqualTo(PeerType.CHANNEL);
        assertThat(peers.get(1111111111L).username()).isEqualTo("bigchat");
        assertThat(peers.get(2222222222L).accessHash()).isEqualTo(333);
    }

    @Test
    void readsNewerPyrogramUsernamesTable() throws Exception {
        String peer = "INSERT INTO peers (id, access_hash, type, phone_number, last_update_on) VALUES (?, ?, ?, ?, ?)";
        String username = "INSERT INTO usernames (id, username) VALUES (?, ?)";
        Path path = database("newer.session", PYROGRAM_USERNAMES_SCHEMA,
                new Object[] { "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", 2, 1, 1, authKey(4), 1_700_000_000L, 42L, 1 },
                new Object[] { peer, 42L, 7L, "bot", null, 1_700_000_000L },
                new Object[] { username, 42L, "main_name" }, new Object[] { username, 42L, "collectible_one" },
                new Object[] { peer, 43L, 8L, "user", null, 1_700_000_000L }, new Object[] { username, 43L, "x" });
        ImportedSession file = SessionFiles.read(path, "newer");
        assertThat(file.session().testMode()).isTrue();
        assertThat(file.session().serverAddress()).isEqualTo("149.154.167.40");
        assertThat(file.bot()).contains(true);
        assertThat(file.peers()).singleElement().satisfies((p) -> {
            assertThat(p.username()).isEqualTo("main_name");
            assertThat(p.usernames()).containsExactly("main_name", "collectible_one");
        });
        assertThat(file.skippedPeers()).isEqualTo(1);
    }

    @Test
    void saveToWritesSessionPeersAndAccount() throws Exception {
        ImportedSession file = SessionFiles.read(telethonFile(authKey(5)), "moved");
        try (Storage storage = Storages.memory("moved")) {
            file.saveTo(storage);
            assertThat(storage.loadSession("moved")).contains(file.session());
            assertThat(storage.loadPeerByUsername("@Durov_Channel")).map(Peer::id).hasValue(1234567890L);
            assertThat(storage.loadPeer(777000)).isPresent();
        }
    }

    @Test
    void opensFilesReadOnlyAndLeavesThemUntouched() throws Exception {
        Path path = telethonFile(authKey(6));
        byte[] before = Files.readAllBytes(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        SessionFiles.read(path, "ro");
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(path).toMillis()).isEqualTo(modified);
        try (Connection connection = SessionFiles.openReadOnly(path); Statement statement = connection.createStatement()) {
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("create table intruder (x integer)"))
                .withMessageContaining("readonly");
        }
    }

    @Test
    void rejectsFilesThatAreNoUsableSession() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(this.dir.resolve("missing.session"), "x"))
            .withMessageContaining("does not exist");
        Path text = Files.writeString(this.dir.resolve("text.session"), "this is not a database, just a long line of text ".repeat(20));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(text, "x"))
            .withMessageContaining("not an SQLite database");
        Path other = database("other.session", List.of("create table sessions (id integer, token text)"));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(other, "x"))
            .withMessageContaining("neither Telethon's nor Pyrogram's");
        Path noTables = database("empty.session", List.of("create table things (id integer)"));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(noTables, "x"))
            .withMessageContaining("no 'sessions' table");
        Path noRow = database("norow.session", TELETHON_SCHEMA);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(noRow, "x"))
            .withMessageContaining("no session row");
        Path noKey = database("nokey.session", TELETHON_SCHEMA,
                new Object[] { "insert into sessions values (?, ?, ?, ?, ?)", 2, "149.154.167.51", 443, new byte[0], null });
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(noKey, "x"))
            .withMessageContaining("never logged in");
        Path shortKey = database("shortkey.session", PYROGRAM_SCHEMA,
                new Object[] { "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", 2, 1, 0, new byte[255], 0L, 1L, 0 });
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(shortKey, "x"))
            .withMessageContaining("255 bytes");
    }

    @Test
    void toStringHidesTheKey() throws Exception {
        ImportedSession file = SessionFiles.read(telethonFile(authKey(7)), "moved");
        assertThat(file.toString()).contains("TELETHON", "peers=3", "skippedPeers=2", "[redacted]");
    }

    @Test
    void loadsWithoutSqliteJdbcAndSaysWhatToAdd() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("sqlite-jdbc")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        Path file = telethonFile(authKey(8));
        try (URLClassLoader withoutSqlite = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("org.sqlite.JDBC", false, withoutSqlite));
            Class<?> sessionFiles = Class.forName(SessionFiles.class.getName(), true, withoutSqlite);
            Method read = sessionFiles.getMethod("read", Path.class, String.class);
            assertThatExceptionOfType(InvocationTargetException.class).isThrownBy(() -> read.invoke(null, file, "x"))
                .havingCause()
                .isInstanceOf(IllegalStateException.class)
                .withMessageContaining("org.xerial:sqlite-jdbc");
        }
    }

    @Test
    void telethonUsernameThatMovedBelongsToTheRowWithTheNewestDate() throws Exception {
        String entity = "insert into entities values (?, ?, ?, ?, ?, ?)";
        // Telethon never clears a username when another user takes it; its lookup keeps the newest row.
        // Id order puts the stale rows last, so a reader that saved rows as they come would get it wrong.
        Path path = database("moved.session", TELETHON_SCHEMA,
                new Object[] { "insert into sessions values (?, ?, ?, ?, ?)", 2, "149.154.167.51", 443, authKey(20), null },
                new Object[] { entity, 100L, 1L, "moved_name", null, "Current holder", 1_700_000_500L },
                new Object[] { entity, 200L, 2L, "moved_name", null, "Stale holder", 1_700_000_100L },
                new Object[] { entity, 300L, 3L, "moved_name", null, "Undated holder", null },
                new Object[] { entity, 50L, 4L, "tied_name", null, "Tie, lower id", 1_700_000_000L },
                new Object[] { entity, 60L, 5L, "tied_name", null, "Tie, higher id", 1_700_000_000L });
        ImportedSession file = SessionFiles.read(path, "moved");
        try (Storage storage = Storages.memory("moved")) {
            file.saveTo(storage);
            assertThat(storage.loadPeerByUsername("moved_name")).map(Peer::id).contains(100L);
            assertThat(storage.loadPeer(PeerType.USER, 200)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeer(PeerType.USER, 300)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeer(PeerType.USER, 100)).map(Peer::firstName).contains("Current holder");
            assertThat(storage.loadPeerByUsername("tied_name")).map(Peer::id).contains(60L);
        }
    }

    @Test
    void telethonUserChatAndChannelWithTheSameIdImportAsThreePeers() throws Exception {
        String entity = "insert into entities values (?, ?, ?, ?, ?, ?)";
        Path path = database("same-id.session", TELETHON_SCHEMA,
                new Object[] { "insert into sessions values (?, ?, ?, ?, ?)", 2, "149.154.167.51", 443, authKey(21), null },
                new Object[] { entity, 5L, 51L, "same_id_user", "15550005", "User five", 1_700_000_001L },
                new Object[] { entity, -5L, 0L, null, null, "Chat five", 1_700_000_002L },
                new Object[] { entity, -1_000_000_000_005L, 53L, "same_id_channel", null, "Channel five", 1_700_000_003L });
        ImportedSession file = SessionFiles.read(path, "same-id");
        assertThat(file.peers()).extracting(Peer::markedId).containsExactlyInAnyOrder(5L, -5L, -1_000_000_000_005L);
        try (Storage storage = Storages.memory("same-id")) {
            file.saveTo(storage);
            assertThat(storage.loadPeer(PeerType.USER, 5)).hasValueSatisfying(p -> {
                assertThat(p.accessHash()).isEqualTo(51);
                assertThat(p.phoneNumber()).isEqualTo("15550005");
            });
            assertThat(storage.loadPeer(PeerType.CHAT, 5)).map(Peer::firstName).contains("Chat five");
            assertThat(storage.loadPeer(PeerType.CHANNEL, 5)).map(Peer::accessHash).contains(53L);
            assertThat(storage.loadPeerByUsername("same_id_user")).map(Peer::type).contains(PeerType.USER);
            assertThat(storage.loadPeerByUsername("same_id_channel")).map(Peer::type).contains(PeerType.CHANNEL);
        }
    }

    @Test
    void damagedFileFailsSayingSoAndStaysUnchanged() throws Exception {
        Path path = telethonFile(authKey(22));
        byte[] bytes = Files.readAllBytes(path);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        // Page 1 (the header and the schema) stays readable; every table's pages become garbage.
        for (int i = pageSize; i < bytes.length; i++) {
            bytes[i] = (byte) 0x5A;
        }
        Files.write(path, bytes);
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(path, "damaged"))
            .withMessageContaining("is damaged (SQLITE_CORRUPT")
            .withMessageContaining("Import a backup copy");
        assertThat(Files.readAllBytes(path)).isEqualTo(bytes);
    }

    @Test
    void lockedFileFailsSayingAClientStillWritesItAndStaysUnchanged() throws Exception {
        Path path = telethonFile(authKey(23));
        byte[] before = Files.readAllBytes(path);
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + path); Statement statement = writer.createStatement()) {
            // What a running client holds while it writes its cache: an exclusive lock on the file.
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("update entities set name = 'changing' where id = 777000");
            assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(path, "locked"))
                .withMessageContaining("is locked (SQLITE_BUSY)")
                .withMessageContaining("Stop that client");
            statement.execute("ROLLBACK");
        }
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(SessionFiles.read(path, "locked").peers()).hasSize(3);
    }

    @Test
    void interruptedWriteFailsSayingSoAndLeavesTheFileAndItsJournalUnchanged() throws Exception {
        Path path = telethonFile(authKey(24));
        Path copyDir = Files.createDirectory(this.dir.resolve("interrupted"));
        Path copy = copyDir.resolve("telethon.session");
        Path journal = copyDir.resolve("telethon.session-journal");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + path); Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode = DELETE");
            statement.execute("PRAGMA cache_size = 1");
            statement.execute("BEGIN");
            // Enough changed pages to spill the tiny cache: SQLite journals the originals and writes the file.
            for (int i = 0; i < 400; i++) {
                statement.execute("insert into entities values (" + (10_000 + i) + ", 1, null, null, '" + "n".repeat(900) + "', 1)");
            }
            // A copy of the file and its journal mid-transaction is what a killed client leaves behind.
            Files.copy(path, copy);
            Files.copy(path.resolveSibling("telethon.session-journal"), journal);
            statement.execute("ROLLBACK");
        }
        byte[] fileBefore = Files.readAllBytes(copy);
        byte[] journalBefore = Files.readAllBytes(journal);
        assertThat(journalBefore).isNotEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> SessionFiles.read(copy, "interrupted"))
            .withMessageContaining("left mid-write by an interrupted client")
            .withMessageContaining("Open it once with the library that wrote it");
        assertThat(Files.readAllBytes(copy)).isEqualTo(fileBefore);
        assertThat(Files.readAllBytes(journal)).isEqualTo(journalBefore);
    }

    @Test
    void pyrogramUsernameThatMovedBelongsToThePeerUpdatedLast() throws Exception {
        String peer = "INSERT INTO peers (id, access_hash, type, username, phone_number, last_update_on) VALUES (?, ?, ?, ?, ?, ?)";
        Path path = database("pyrogram-moved.session", PYROGRAM_SCHEMA,
                new Object[] { "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", 2, 1, 0, authKey(25), 1_700_000_000L, 1L, 0 },
                new Object[] { peer, 100L, 1L, "user", "pyro_moved", null, 1_700_000_500L },
                new Object[] { peer, 200L, 2L, "user", "pyro_moved", null, 1_700_000_100L });
        try (Storage storage = Storages.memory("pyro-moved")) {
            SessionFiles.read(path, "pyro-moved").saveTo(storage);
            assertThat(storage.loadPeerByUsername("pyro_moved")).map(Peer::id).contains(100L);
            assertThat(storage.loadPeer(PeerType.USER, 200)).map(Peer::username).isEmpty();
        }
    }

}
