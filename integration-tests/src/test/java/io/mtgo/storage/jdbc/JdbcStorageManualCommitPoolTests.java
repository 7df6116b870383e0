package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Some applications configure their pool without auto-commit ({@code spring.datasource.hikari.auto-commit=false}).
 * Outside a transaction the storage must then commit its writes itself: Hikari rolls back what a
 * returned connection left uncommitted, so another connection would never see them. Its reads must
 * end their transaction too, or the next read on that connection sees the same snapshot (SQLite,
 * MariaDB's repeatable read) and misses what other connections wrote since.
 */
class JdbcStorageManualCommitPoolTests {

    @TempDir
    Path directory;

    @TempDir
    static Path sqliteDirectory;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", (Supplier<HikariDataSource>) () -> JdbcTestDataSources.h2(sqliteDirectory.resolve("h2"))),
                Arguments.of("sqlite", (Supplier<HikariDataSource>) () -> JdbcTestDataSources.sqlite(sqliteDirectory.resolve("fresh.sqlite"))),
                Arguments.of("postgres", (Supplier<HikariDataSource>) JdbcTestDataSources::postgres),
                Arguments.of("mariadb", (Supplier<HikariDataSource>) JdbcTestDataSources::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void readsOnAPoolWithoutAutoCommitSeeWhatOthersCommittedSince(String database, Supplier<HikariDataSource> pools) {
        String session = "manual-reads-" + java.util.UUID.randomUUID();
        try (HikariDataSource manual = pools.get(); HikariDataSource other = pools.get()) {
            manual.setAutoCommit(false);
            manual.setMaximumPoolSize(1); // every read meets the connection of the one before
            try (Storage reader = Storages.adapt(manual, session); Storage writer = Storages.adapt(other, session)) {
                writer.savePeer(Peer.builder(1, PeerType.USER).accessHash(10).username("fresh_one").build());
                assertThat(reader.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(10L);
                assertThat(reader.getUserId()).isEmpty();

                writer.savePeer(Peer.builder(1, PeerType.USER).accessHash(20).username("fresh_one").build());
                writer.setUserId(7);
                assertThat(reader.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(20L);
                assertThat(reader.loadPeerByUsername("fresh_one")).map(Peer::accessHash).contains(20L);
                assertThat(reader.getUserId()).hasValue(7);
            }
        }
    }

    @Test
    void writesOnAPoolWithoutAutoCommitAreCommitted() throws Exception {
        String url = H2Durability.fileUrl(this.directory.resolve("manual"));
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
