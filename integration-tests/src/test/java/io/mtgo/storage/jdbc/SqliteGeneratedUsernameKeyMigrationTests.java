package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A SQLite file written while {@code username_key} was a stored column (changesets up to 4), then
 * upgraded to the generated column: every peer reads back unchanged, rows keep the order in which
 * peers were first saved, the key takes no room in the row and usernames stay unique.
 */
class SqliteGeneratedUsernameKeyMigrationTests {

    /** The changesets SQLite ran before the generated username key (through mtgo-storage-4-peers-in-arrival-order-sqlite). */
    private static final int SQLITE_CHANGESETS_BEFORE = 10;

    /** Saved in this order, which is not the key's: ids 30, 10, 20. */
    private static final List<Peer> OLD_PEERS = List.of(
            Peer.builder(30, PeerType.CHANNEL).accessHash(33).username("Mixed_Case").firstName("A channel").lastUpdated(3).build(),
            Peer.builder(10, PeerType.USER).accessHash(11).firstName("No name").phoneNumber("4400").lastUpdated(1).build(),
            Peer.builder(20, PeerType.USER).accessHash(22).username("lower_name").usernames(List.of("lower_name", "second_name"))
                .bot(true).language("en").photoId(9).lastUpdated(2).build());

    @TempDir
    Path directory;

    @Test
    void peersSurviveAndTheKeyIsGeneratedFromTheUsername() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("upgraded.sqlite"))) {
            EarlierSchemas.applyFirst(dataSource, SQLITE_CHANGESETS_BEFORE);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(hidden(jdbc)).as("username_key is a stored column before the upgrade").isZero();
            for (Peer peer : OLD_PEERS) {
                EarlierSchemas.insertWithStoredUsernameKey(jdbc, "upgraded", peer);
            }
            EarlierSchemas.insertWithStoredUsernameKey(jdbc, "other", OLD_PEERS.get(0));

            EarlierSchemas.applyFirst(dataSource, 1); // the next changeset only: 5

            assertThat(hidden(jdbc)).as("PRAGMA table_xinfo marks a virtual generated column 2").isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT peer_id FROM mtgo_peers WHERE session_name = 'upgraded' ORDER BY rowid", Long.class))
                .as("rows in the order the peers were first saved").containsExactly(30L, 10L, 20L);
            assertThat(jdbc.queryForList("SELECT username_key FROM mtgo_peers WHERE session_name = 'upgraded' ORDER BY rowid",
                    String.class)).containsExactly("mixed_case", null, "lower_name");

            JdbcSchema.apply(dataSource); // and every later changeset
            JdbcStorage storage = JdbcStorage.builder(dataSource).sessionName("upgraded").build();
            for (Peer peer : OLD_PEERS) {
                assertThat(storage.loadPeer(peer.type(), peer.id())).as("%s after the upgrade", peer).contains(peer);
            }
            assertThat(storage.loadPeerByUsername("MIXED_CASE")).contains(OLD_PEERS.get(0));
            assertThat(storage.forSession("other").loadPeerByUsername("mixed_case")).map(Peer::id).contains(30L);

            Peer claimant = Peer.builder(40, PeerType.USER).accessHash(44).username("MIXED_case").lastUpdated(4).build();
            storage.savePeer(claimant);
            assertThat(storage.loadPeerByUsername("mixed_case")).contains(claimant);
            assertThat(storage.loadPeer(PeerType.CHANNEL, 30)).map(Peer::username).isEmpty();
            assertThatExceptionOfType(DataAccessException.class).as("the unique index holds on the generated key")
                .isThrownBy(() -> jdbc.update("UPDATE mtgo_peers SET username = 'LOWER_NAME' WHERE peer_id = 10 AND session_number = "
                        + "(SELECT session_number FROM mtgo_session_numbers WHERE session_name = 'upgraded')"));
        }
    }

    /** 2 for a virtual generated column, 0 for a stored plain one. */
    private static Integer hidden(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT hidden FROM pragma_table_xinfo('mtgo_peers') WHERE name = 'username_key'", Integer.class);
    }

}
