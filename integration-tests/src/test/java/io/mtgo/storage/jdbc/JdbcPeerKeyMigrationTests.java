package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.test.TestServices;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Databases created before peers were keyed by type: each database gets the schema exactly as the
 * changelog left it then (its first five changesets, primary key {@code (session_name, peer_id)})
 * and rows written in that schema, then the current changelog upgrades it. Every old peer must
 * read back unchanged, usernames must still be unique, and a user, a chat and a channel with one id
 * must then be three peers.
 */
class JdbcPeerKeyMigrationTests {

    /** The changesets of the changelog before the typed peer key (main at 0262d2e). */
    private static final int CHANGESETS_BEFORE_TYPED_PEER_KEY = 5;

    /** A schema (PostgreSQL) or database (MariaDB) of its own, so other tests' tables are not touched. */
    private static final String ISOLATED = "mtgo_peer_key_migration";

    private static final Peer OLD_USER = Peer.builder(1, PeerType.USER).accessHash(11).username("Old_User").firstName("Ann")
        .lastName("Lee").phoneNumber("4400").bot(false).photoId(5).language("en").lastUpdated(100).build();

    private static final Peer OLD_BOT = Peer.builder(2, PeerType.USER).accessHash(22).username("old_bot")
        .usernames(List.of("old_bot", "older_bot")).bot(true).lastUpdated(200).build();

    private static final Peer OLD_CHAT = Peer.builder(3, PeerType.CHAT).firstName("A chat").lastUpdated(300).build();

    private static final Peer OLD_CHANNEL = Peer.builder(4, PeerType.CHANNEL).accessHash(44).username("old_channel")
        .firstName("A channel").lastUpdated(400).build();

    private static final Peer OLD_MIN_CHANNEL = Peer.builder(5, PeerType.CHANNEL).accessHash(55).min(true).lastUpdated(500).build();

    private static final List<Peer> OLD_PEERS = List.of(OLD_USER, OLD_BOT, OLD_CHAT, OLD_CHANNEL, OLD_MIN_CHANNEL);

    @TempDir
    Path directory;

    @Test
    void h2PeersSurviveTheKeyMigration() {
        try (HikariDataSource dataSource = JdbcTestDataSources.h2(this.directory)) {
            migratesAndKeysPeersByType(dataSource, null);
        }
    }

    @Test
    void sqlitePeersSurviveTheKeyMigration() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("old.sqlite"))) {
            migratesAndKeysPeersByType(dataSource, null);
        }
    }

    @Test
    void postgresPeersSurviveTheKeyMigration() {
        TestServices.Jdbc db = TestServices.postgres();
        try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + ISOLATED + " CASCADE");
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + ISOLATED);
        }
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + ISOLATED;
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(url, db.username(), db.password(), 2)) {
            migratesAndKeysPeersByType(dataSource, ISOLATED);
        }
    }

    @Test
    void mariaDbPeersSurviveTheKeyMigration() {
        TestServices.Jdbc db = TestServices.mariadb();
        try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            new JdbcTemplate(admin).execute("DROP DATABASE IF EXISTS " + ISOLATED);
            new JdbcTemplate(admin).execute("CREATE DATABASE " + ISOLATED);
        }
        String url = db.url().replaceFirst("^(jdbc:mariadb://[^/]+/)[^?]*", "$1" + ISOLATED);
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(url, db.username(), db.password(), 2)) {
            migratesAndKeysPeersByType(dataSource, ISOLATED);
        }
    }

    private void migratesAndKeysPeersByType(DataSource dataSource, @Nullable String schema) {
        EarlierSchemas.applyFirst(dataSource, CHANGESETS_BEFORE_TYPED_PEER_KEY);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (Peer peer : OLD_PEERS) {
            EarlierSchemas.insertWithStoredUsernameKey(jdbc, "migrated", peer);
        }
        EarlierSchemas.insertWithStoredUsernameKey(jdbc, "other", OLD_CHAT.toBuilder().firstName("Other session's chat").build());
        // SQLite's driver reports constraint failures without a SQL state: Spring cannot classify them.
        assertThatExceptionOfType(DataAccessException.class).as("the old key is (session_name, peer_id)")
            .isThrownBy(() -> EarlierSchemas.insertWithStoredUsernameKey(jdbc, "migrated", Peer.builder(1, PeerType.CHANNEL).build()));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mtgo_peers WHERE session_name = 'migrated' AND peer_id = 1", Integer.class))
            .isOne();

        JdbcSchema.apply(dataSource);

        JdbcStorage storage = JdbcStorage.builder(dataSource).sessionName("migrated").schema(schema).build();
        for (Peer peer : OLD_PEERS) {
            assertThat(storage.loadPeer(peer.type(), peer.id())).as("%s after the migration", peer).contains(peer);
        }
        assertThat(storage.loadPeerByUsername("old_user")).contains(OLD_USER);
        assertThat(storage.loadPeerByUsername("older_bot")).isEmpty();
        assertThat(storage.forSession("other").loadPeer(PeerType.CHAT, 3)).map(Peer::firstName).contains("Other session's chat");

        Peer user = Peer.builder(77, PeerType.USER).accessHash(7701).firstName("user 77").lastUpdated(1).build();
        Peer chat = Peer.builder(77, PeerType.CHAT).firstName("chat 77").lastUpdated(2).build();
        Peer channel = Peer.builder(77, PeerType.CHANNEL).accessHash(7703).username("channel_77").lastUpdated(3).build();
        storage.savePeer(user);
        storage.savePeers(List.of(chat, channel));
        assertThat(storage.loadPeer(PeerType.USER, 77)).contains(user);
        assertThat(storage.loadPeer(PeerType.CHAT, 77)).contains(chat);
        assertThat(storage.loadPeer(PeerType.CHANNEL, 77)).contains(channel);

        Peer chatWithOldUsersId = Peer.builder(1, PeerType.CHAT).firstName("chat 1").lastUpdated(4).build();
        storage.savePeer(chatWithOldUsersId);
        assertThat(storage.loadPeer(PeerType.CHAT, 1)).contains(chatWithOldUsersId);
        assertThat(storage.loadPeer(PeerType.USER, 1)).contains(OLD_USER);

        Peer claimant = Peer.builder(1, PeerType.CHANNEL).accessHash(101).username("OLD_USER").lastUpdated(5).build();
        storage.savePeer(claimant);
        assertThat(storage.loadPeerByUsername("old_user")).as("the username index survived the migration").contains(claimant);
        assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::username).isEmpty();
    }

}
