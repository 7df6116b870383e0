package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store upserts a peer before freeing its username, and frees it only when the database
 * refuses the upsert because another peer holds the name (see {@code PeerWriter}). These tests take
 * that second path on purpose, on every database, in each way a write can run: a single peer on an
 * auto-commit pool, a batch whose refused row comes after rows already written, inside the
 * application's transaction (where a refused statement would abort PostgreSQL's transaction, so the
 * store must not try it there), on a pool without auto-commit, and in a batch run in parts.
 */
class JdbcUsernameTakeoverTests {

    @TempDir
    static Path directory;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", (Function<Boolean, HikariDataSource>) autoCommit -> pool(JdbcTestDataSources.h2(directory.resolve("h2")), autoCommit)),
                Arguments.of("sqlite", (Function<Boolean, HikariDataSource>) autoCommit -> pool(
                        JdbcTestDataSources.sqlite(directory.resolve("takeover.sqlite")), autoCommit)),
                Arguments.of("postgres", (Function<Boolean, HikariDataSource>) autoCommit -> pool(JdbcTestDataSources.postgres(), autoCommit)),
                Arguments.of("mariadb", (Function<Boolean, HikariDataSource>) autoCommit -> pool(JdbcTestDataSources.mariadb(), autoCommit)));
    }

    private static HikariDataSource pool(HikariDataSource dataSource, boolean autoCommit) {
        dataSource.setAutoCommit(autoCommit);
        return dataSource;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSinglePeerTakesAUsernameHeldByAnotherPeer(String database, Function<Boolean, HikariDataSource> pools) {
        try (HikariDataSource dataSource = pools.apply(true); Storage storage = Storages.adapt(dataSource, session())) {
            storage.savePeer(user(1, "Held_Name").firstName("Holder").phoneNumber("100").build());
            storage.savePeer(user(2, "held_NAME").build());

            assertThat(storage.loadPeerByUsername("HELD_name")).map(Peer::id).contains(2L);
            assertThat(storage.loadPeer(PeerType.USER, 1)).hasValueSatisfying(holder -> {
                assertThat(holder.username()).isNull();
                assertThat(holder.firstName()).isEqualTo("Holder");
                assertThat(holder.phoneNumber()).isEqualTo("100");
                assertThat(holder.accessHash()).isEqualTo(1001L);
            });
            assertThat(storage.loadPeer(PeerType.USER, 2)).map(Peer::username).contains("held_NAME");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchWhoseLaterPeerTakesAHeldUsernameWritesEveryPeer(String database, Function<Boolean, HikariDataSource> pools) {
        try (HikariDataSource dataSource = pools.apply(true); Storage storage = Storages.adapt(dataSource, session())) {
            List<Peer> stored = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                stored.add(user(i, "stored_" + i).build());
            }
            storage.savePeers(stored);
            List<Peer> batch = new ArrayList<>();
            for (int i = 100; i < 110; i++) {
                batch.add(user(i, (i == 107) ? "STORED_3" : "new_" + i).build());
            }
            batch.add(user(5, "stored_5_renamed").build());
            storage.savePeers(batch);

            for (int i = 100; i < 110; i++) {
                assertThat(storage.loadPeer(PeerType.USER, i)).as("peer %d", i).map(Peer::accessHash).contains(1000L + i);
            }
            assertThat(storage.loadPeerByUsername("stored_3")).map(Peer::id).contains(107L);
            assertThat(storage.loadPeer(PeerType.USER, 3)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeerByUsername("stored_5_renamed")).map(Peer::id).contains(5L);
            assertThat(storage.loadPeerByUsername("stored_5")).isEmpty();
            assertThat(storage.loadPeerByUsername("stored_4")).map(Peer::id).contains(4L);
        }
    }

    /**
     * A batch longer than one JDBC batch runs in parts on the same statement (SQLite's are 128
     * rows): a username refused in the last part, after earlier parts were written, still moves, every
     * peer is written, and the statement is clean for the next, shorter batch and single saves.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchOfSeveralPartsWhoseLastPartTakesAHeldUsernameWritesEveryPeer(String database, Function<Boolean, HikariDataSource> pools) {
        try (HikariDataSource dataSource = pools.apply(true); Storage storage = Storages.adapt(dataSource, session())) {
            storage.savePeer(user(1, "long_held").build());
            List<Peer> batch = new ArrayList<>();
            for (int i = 1000; i < 1300; i++) {
                batch.add(user(i, (i == 1290) ? "LONG_HELD" : "long_" + i).build());
            }
            storage.savePeers(batch);
            storage.savePeers(batch); // every peer known and keeping its username: rewritten in place where the dialect can
            storage.savePeers(List.of(user(2, "short_2").build(), user(1000, "long_1000_renamed").build()));
            storage.savePeer(user(1001, "long_1001").firstName("Single").build());

            for (int i = 1000; i < 1300; i++) {
                assertThat(storage.loadPeer(PeerType.USER, i)).as("peer %d", i).map(Peer::accessHash).contains(1000L + i);
            }
            assertThat(storage.loadPeerByUsername("long_held")).map(Peer::id).contains(1290L);
            assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeerByUsername("long_1299")).map(Peer::id).contains(1299L);
            assertThat(storage.loadPeerByUsername("long_1000_renamed")).map(Peer::id).contains(1000L);
            assertThat(storage.loadPeerByUsername("long_1000")).isEmpty();
            assertThat(storage.loadPeerByUsername("short_2")).map(Peer::id).contains(2L);
            assertThat(storage.loadPeer(PeerType.USER, 1001)).map(Peer::firstName).contains("Single");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void takingAUsernameInsideTheApplicationsTransactionLeavesItUsable(String database, Function<Boolean, HikariDataSource> pools) {
        try (HikariDataSource dataSource = pools.apply(true); Storage storage = Storages.adapt(dataSource, session())) {
            storage.savePeer(user(1, "tx_name").build());
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            transaction.executeWithoutResult(status -> {
                storage.savePeer(user(2, "TX_NAME").build());
                storage.savePeers(List.of(user(3, "tx_other").build(), user(1, "Tx_Name").build()));
                // The transaction still accepts statements: nothing in it failed.
                assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
                storage.setUserId(42);
            });
            assertThat(storage.loadPeerByUsername("tx_name")).map(Peer::id).contains(1L);
            assertThat(storage.loadPeer(PeerType.USER, 2)).map(Peer::username).isEmpty();
            assertThat(storage.loadPeerByUsername("tx_other")).map(Peer::id).contains(3L);
            assertThat(storage.getUserId()).hasValue(42);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void takingAUsernameOnAPoolWithoutAutoCommitIsCommitted(String database, Function<Boolean, HikariDataSource> pools) {
        String session = session();
        try (HikariDataSource manual = pools.apply(false); Storage storage = Storages.adapt(manual, session)) {
            storage.savePeer(user(1, "manual_name").build());
            storage.savePeer(user(2, "Manual_Name").build());
            storage.savePeers(List.of(user(3, "manual_other").build(), user(1, "MANUAL_NAME").build()));
        }
        try (HikariDataSource other = pools.apply(true); Storage storage = Storages.adapt(other, session)) {
            assertThat(storage.loadPeerByUsername("manual_name")).map(Peer::id).contains(1L);
            assertThat(storage.loadPeer(PeerType.USER, 2)).hasValueSatisfying(peer -> assertThat(peer.username()).isNull());
            assertThat(storage.loadPeerByUsername("manual_other")).map(Peer::id).contains(3L);
        }
    }

    private static Peer.Builder user(long id, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(1000 + id).username(username);
    }

    private static String session() {
        return "takeover-" + UUID.randomUUID();
    }

}
