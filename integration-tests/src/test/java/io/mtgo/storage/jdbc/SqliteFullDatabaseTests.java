package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A full SQLite database (the disk, or here {@code max_page_count}) fails each write clearly, and the
 * storage writes again once there is room, without a restart: its kept statements, which the driver
 * left unusable after {@code SQLITE_FULL}, are prepared anew.
 */
class SqliteFullDatabaseTests {

    @TempDir
    Path directory;

    @Test
    void writesWorkAgainOnceTheDatabaseHasRoomWithoutARestart() {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("full.sqlite"));
                Storage storage = Storages.adapt(dataSource, "full")) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource); // the pool's one connection: pragmas apply to the storage's
            storage.savePeer(peer(1, "before"));
            storage.setUpdateState(2, new byte[] { 1 });
            Integer pages = jdbc.queryForObject("PRAGMA page_count", Integer.class);
            jdbc.queryForList("PRAGMA max_page_count = " + pages, Long.class);
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage.savePeers(manyPeers()))
                    .withMessageContaining("SQLITE_FULL");
            }
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    storage.setUpdateState(2, new byte[4_000]);
                    storage.savePeer(peer(100_000 + i, "filling" + i));
                }
            }).withMessageContaining("SQLITE_FULL");
            assertThat(storage.loadPeer(PeerType.USER, 1)).as("reads go on").isPresent();

            jdbc.queryForList("PRAGMA max_page_count = 1073741823", Long.class); // room again
            storage.savePeers(manyPeers());
            storage.savePeer(peer(1, "after"));
            storage.setUpdateState(2, new byte[] { 3 });
            assertThat(storage.loadPeerByUsername("after_name")).map(Peer::id).contains(1L);
            assertThat(storage.loadPeer(PeerType.USER, 500)).isPresent();
            assertThat(storage.getUpdateState(2)).hasValueSatisfying(state -> assertThat(state).containsExactly(3));
        }
    }

    private static List<Peer> manyPeers() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 2; i < 2_000; i++) {
            peers.add(Peer.builder(i, PeerType.USER).accessHash(i).firstName("x".repeat(200)).build());
        }
        return peers;
    }

    private static Peer peer(long id, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(id).username(username + "_name").build();
    }

}
