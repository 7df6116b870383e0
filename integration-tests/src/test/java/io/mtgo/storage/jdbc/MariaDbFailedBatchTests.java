package io.mtgo.storage.jdbc;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MariaDB Connector/J leaves a server-side statement whose first batch failed with a handle the
 * server no longer knows: every later batch on it failed with "Unknown prepared statement handler"
 * (any failure of that first batch: a refused row, a lost deadlock as in a soak test on a new database). The store keeps its
 * statements per connection, so it must drop one whose batch failed. A trigger refuses one peer, so
 * that the first batch on the pool's one connection fails; the next batch must go through.
 */
class MariaDbFailedBatchTests {

    /** A database of its own, so that the trigger touches no other test's table. */
    private static final String ISOLATED = "mtgo_failed_batch";

    private static final long REFUSED_ID = 666;

    private HikariDataSource admin;

    private HikariDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        TestServices.Jdbc db = TestServices.mariadb();
        this.admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1);
        new JdbcTemplate(this.admin).execute("DROP DATABASE IF EXISTS " + ISOLATED);
        new JdbcTemplate(this.admin).execute("CREATE DATABASE " + ISOLATED + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        this.dataSource = JdbcTestDataSources.pool(JdbcTestDataSources.otherDatabase(db, ISOLATED), db.username(), db.password(), 1);
        JdbcSchema.apply(this.dataSource);
        new JdbcTemplate(this.dataSource).execute("""
                CREATE TRIGGER mtgo_refuse_peer BEFORE INSERT ON mtgo_peers FOR EACH ROW
                BEGIN
                    IF NEW.peer_id = %d THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF;
                END""".formatted(REFUSED_ID));
    }

    @AfterEach
    void dropDatabase() {
        this.dataSource.close();
        new JdbcTemplate(this.admin).execute("DROP DATABASE IF EXISTS " + ISOLATED);
        this.admin.close();
    }

    @Test
    void aBatchAfterOneThatFailedGoesThroughOnTheSameConnection() {
        JdbcStorage storage = JdbcStorage.builder(this.dataSource).sessionName("batches").build();
        Peer refused = Peer.builder(REFUSED_ID, PeerType.USER).accessHash(1).lastUpdated(100).build();
        Peer beside = Peer.builder(667, PeerType.USER).accessHash(2).lastUpdated(100).build();
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage.savePeers(List.of(refused, beside)))
            .withMessageContaining("refused by the test");
        assertThat(storage.loadPeer(PeerType.USER, 667)).as("the failed batch is all or nothing").isEmpty();

        List<Peer> next = List.of(Peer.builder(1, PeerType.USER).accessHash(11).firstName("Ann").lastUpdated(200).build(),
                Peer.builder(2, PeerType.CHANNEL).accessHash(22).username("Next_Channel").lastUpdated(200).build());
        storage.savePeers(next);
        for (Peer peer : next) {
            assertThat(storage.loadPeer(peer.type(), peer.id())).contains(peer);
        }
        storage.savePeers(List.of(beside));
        assertThat(storage.loadPeer(PeerType.USER, 667)).contains(beside);
    }

}
