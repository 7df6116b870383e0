package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Some applications configure their pool without auto-commit ({@code spring.datasource.hikari.auto-commit=false}).
 * Outside a transaction the storage must then commit its writes itself: Hikari rolls back what a
 * returned connection left uncommitted, so another connection would never see them.
 */
class JdbcStorageManualCommitPoolTests {

    @TempDir
    Path directory;

    @Test
    void writesOnAPoolWithoutAutoCommitAreCommitted() throws Exception {
        String url = "jdbc:h2:file:" + this.directory.resolve("manual") + H2Durability.URL_SETTINGS;
        try (HikariDataSource manual = JdbcTestDataSources.pool(url, "sa", "", 2)) {
            manual.setAutoCommit(false);
            try (Storage storage = Storages.adapt(manual, "manual")) {
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(10).username("manual_one").build());
                storage.savePeer(Peer.builder(2, PeerType.CHANNEL).accessHash(20).build());
                storage.savePeers(List.of(Peer.builder(3, PeerType.USER).accessHash(30).username("manual_three").build(),
                        Peer.builder(4, PeerType.USER).accessHash(40).build()));
                storage.setUpdateState(2, new byte[] { 7 });
                storage.setUserId(99);
            }
        }
        try (HikariDataSource other = JdbcTestDataSources.pool(url, "sa", "", 1); Storage storage = Storages.adapt(other, "manual")) {
            assertThat(storage.loadPeerByUsername("manual_one")).map(Peer::accessHash).contains(10L);
            assertThat(storage.loadPeer(PeerType.CHANNEL, 2)).map(Peer::accessHash).contains(20L);
            assertThat(storage.loadPeerByUsername("manual_three")).map(Peer::id).contains(3L);
            assertThat(storage.loadPeer(4)).isPresent();
            assertThat(storage.getUpdateState(2)).hasValueSatisfying(state -> assertThat(state).containsExactly(7));
            assertThat(storage.getUserId()).hasValue(99);
        }
    }

}
