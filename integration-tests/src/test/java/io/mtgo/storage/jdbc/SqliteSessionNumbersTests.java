package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's peer rows name their session and type by number (changeset 6, {@link SqliteSessionNumbers}):
 * a file written before keeps every peer, a session's number is its own for good, and a number
 * that an application's rollback took back is never used by the session that lost it.
 */
class SqliteSessionNumbersTests {

    /** The changesets SQLite ran before numbered sessions (through mtgo-storage-5-peers-generated-username-key-sqlite). */
    private static final int SQLITE_CHANGESETS_BEFORE = 11;

    /** A user, a chat and a channel with the same id, saved in this order (not the key's). */
    private static final List<Peer> OLD_PEERS = List.of(
            Peer.builder(30, PeerType.CHANNEL).accessHash(33).username("Old_Channel").firstName("A channel").lastUpdated(3).build(),
            Peer.builder(30, PeerType.USER).accessHash(11).firstName("No name").phoneNumber("4400").lastUpdated(1).build(),
            Peer.builder(30, PeerType.CHAT).accessHash(0).firstName("A chat").lastUpdated(4).build(),
            Peer.builder(20, PeerType.USER).accessHash(22).username("lower_name").usernames(List.of("lower_name", "second_name"))
                .bot(true).language("en").photoId(9).lastUpdated(2).build());

    @TempDir
    Path directory;

    @Test
    void aFileWrittenBeforeKeepsEveryPeerInArrivalOrderAndItsSessionsListed() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("upgraded.sqlite"))) {
            EarlierSchemas.applyFirst(dataSource, SQLITE_CHANGESETS_BEFORE);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            EarlierSchemas.insertWithNamedSession(jdbc, "other", OLD_PEERS.get(0));
            for (Peer peer : OLD_PEERS) {
                EarlierSchemas.insertWithNamedSession(jdbc, "upgraded", peer);
            }

            JdbcSchema.apply(dataSource);

            assertThat(jdbc.queryForList("SELECT session_name FROM mtgo_session_numbers ORDER BY session_number", String.class))
                .as("numbered in the order the sessions first saved a peer").containsExactly("other", "upgraded");
            assertThat(jdbc.queryForList("SELECT peer_type FROM mtgo_peers WHERE session_number = 2 ORDER BY rowid", Integer.class))
                .as("rows in the order the peers were first saved, types as numbers").containsExactly(2, 0, 1, 0);
            JdbcStorage storage = JdbcStorage.builder(dataSource).sessionName("upgraded").build();
            for (Peer peer : OLD_PEERS) {
                assertThat(storage.loadPeer(peer.type(), peer.id())).as("%s after the upgrade", peer).contains(peer);
            }
            assertThat(storage.loadPeerByUsername("OLD_CHANNEL")).contains(OLD_PEERS.get(0));
            assertThat(storage.forSession("other").loadPeer(PeerType.USER, 30)).isEmpty();
            assertThat(storage.forSession("other").loadPeerByUsername("old_channel")).map(Peer::type).contains(PeerType.CHANNEL);
            assertThat(storage.sessionNames()).containsExactlyInAnyOrder("other", "upgraded");
            assertThat(storage.allPeers()).containsExactlyInAnyOrderElementsOf(OLD_PEERS);
        }
    }

    @Test
    void aSessionKeepsItsNumberThroughDeletionAndIsListedOnlyWhileItHoldsPeers() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("numbers.sqlite"))) {
            JdbcSchema.apply(dataSource);
            JdbcStorage first = JdbcStorage.builder(dataSource).sessionName("first").build();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(first.loadPeer(PeerType.USER, 1)).isEmpty();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mtgo_session_numbers", Integer.class)).as("a read numbers nothing").isZero();

            first.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).build());
            first.forSession("second").savePeers(List.of(Peer.builder(1, PeerType.USER).accessHash(2).build(),
                    Peer.builder(2, PeerType.CHANNEL).accessHash(3).build()));
            assertThat(first.sessionNames()).containsExactlyInAnyOrder("first", "second");

            first.deleteSession("first");
            assertThat(first.sessionNames()).containsExactly("second");
            assertThat(numberOf(jdbc, "first")).as("kept after the deletion").isEqualTo(1);

            // Another store of the same file, which never saw "first", finds the same number.
            JdbcStorage again = JdbcStorage.builder(dataSource).sessionName("first").build();
            again.savePeer(Peer.builder(1, PeerType.USER).accessHash(4).build());
            assertThat(numberOf(jdbc, "first")).isEqualTo(1);
            assertThat(first.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(4L);
            assertThat(first.forSession("second").loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(2L);
        }
    }

    /**
     * A session numbered inside the application's transaction loses its number when that rolls
     * back; the next session to be numbered may get the same number, and the first must then not
     * write into that one's peers with the number it met before.
     */
    @Test
    void aNumberTheApplicationRolledBackIsNotKept() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("rollback.sqlite"))) {
            JdbcSchema.apply(dataSource);
            JdbcStorage rolledBack = JdbcStorage.builder(dataSource).sessionName("rolled_back").build();
            TransactionTemplate applicationTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            applicationTransaction.executeWithoutResult(status -> {
                rolledBack.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).build());
                rolledBack.savePeers(List.of(Peer.builder(2, PeerType.USER).accessHash(2).build(),
                        Peer.builder(3, PeerType.USER).accessHash(3).build()));
                assertThat(rolledBack.loadPeer(PeerType.USER, 2)).as("seen inside the transaction").isPresent();
                status.setRollbackOnly();
            });
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mtgo_session_numbers", Integer.class)).isZero();

            Storage taker = rolledBack.forSession("taker");
            taker.savePeer(Peer.builder(1, PeerType.USER).accessHash(100).build());
            long takersNumber = numberOf(jdbc, "taker");

            rolledBack.savePeer(Peer.builder(1, PeerType.USER).accessHash(5).build());
            assertThat(numberOf(jdbc, "rolled_back")).isNotEqualTo(takersNumber);
            assertThat(taker.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(100L);
            assertThat(rolledBack.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(5L);
            assertThat(rolledBack.loadPeer(PeerType.USER, 2)).isEmpty();

            // Committed by the application this time: kept, and the same for a store that never saw it.
            applicationTransaction.executeWithoutResult(status -> rolledBack.forSession("committed")
                .savePeer(Peer.builder(7, PeerType.CHAT).accessHash(0).build()));
            assertThat(JdbcStorage.builder(dataSource).sessionName("committed").build().loadPeer(PeerType.CHAT, 7)).isPresent();
            assertThat(((StorageContents) rolledBack).sessionNames()).containsExactlyInAnyOrder("taker", "rolled_back", "committed");
        }
    }

    private static long numberOf(JdbcTemplate jdbc, String sessionName) {
        Long number = jdbc.queryForObject("SELECT session_number FROM mtgo_session_numbers WHERE session_name = ?", Long.class,
                sessionName);
        return (number != null) ? number : -1;
    }

}
