package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another process writing to the same SQLite file: in WAL mode a transaction that has read gets no
 * wait for the write lock (SQLite returns busy at once, and a stale snapshot can never write), so
 * the store's own transactions take the lock first and wait for it within the busy timeout. A new
 * process's first batch (which looks its session's number up) and a min peer's merge (which reads
 * the stored row) read first; both failed while another process held the lock longer than the
 * store's retries last (about 1.5 s).
 */
class SqliteWriteLockTests {

    /** Longer than the store's retries of a lost race, well under the busy timeout (10 s). */
    private static final long HELD_MS = 2500;

    @TempDir
    Path directory;

    @Test
    void aNewStoresFirstBatchWaitsForAnotherWritersLock() throws Exception {
        Path file = this.directory.resolve("first.sqlite");
        try (HikariDataSource setup = JdbcTestDataSources.sqlite(file)) {
            JdbcSchema.apply(setup);
            JdbcStorage.builder(setup).sessionName("bot").build().savePeer(peer(1, "first_user", false));
        }
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(file)) {
            // A new store: the session's number is not known to it yet.
            JdbcStorage storage = JdbcStorage.builder(dataSource).sessionName("bot").build();
            whileAnotherConnectionHoldsTheWriteLock(file, () -> storage.savePeers(List.of(peer(1, "first_user", false),
                    peer(2, "second_user", false))));
            assertThat(storage.loadPeerByUsername("SECOND_USER")).map(Peer::id).contains(2L);
        }
    }

    @Test
    void aMinPeersMergeWaitsForAnotherWritersLock() throws Exception {
        Path file = this.directory.resolve("min.sqlite");
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(file)) {
            JdbcSchema.apply(dataSource);
            JdbcStorage storage = JdbcStorage.builder(dataSource).sessionName("bot").build();
            storage.savePeers(List.of(peer(1, "first_user", false), peer(2, "second_user", false)));
            whileAnotherConnectionHoldsTheWriteLock(file, () -> storage.savePeers(List.of(peer(1, "renamed_user", true),
                    peer(3, "third_user", false))));
            assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).as("the min peer kept its stored hash").contains(1001L);
            assertThat(storage.loadPeerByUsername("renamed_user")).map(Peer::id).contains(1L);
            assertThat(storage.loadPeer(PeerType.USER, 3)).isPresent();
        }
    }

    /**
     * Runs the write while a connection of its own (another process, as far as SQLite can tell)
     * holds the write lock for {@link #HELD_MS}, having started before the write.
     */
    private static void whileAnotherConnectionHoldsTheWriteLock(Path file, Runnable write) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> holdWriteLock(file, locked::countDown));
        assertThat(locked.await(10, TimeUnit.SECONDS)).as("the other connection took the lock").isTrue();
        long started = System.nanoTime();
        write.run();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("waited for the lock").isGreaterThan(HELD_MS / 2);
        other.get(20, TimeUnit.SECONDS);
    }

    private static void holdWriteLock(Path file, Runnable whenLocked) {
        try (HikariDataSource other = JdbcTestDataSources.sqlite(file); Connection connection = other.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO mtgo_kv (session_name, kv_key, kv_value) VALUES ('other', 'k', 'v') "
                    + "ON CONFLICT DO UPDATE SET kv_value = excluded.kv_value || 'v'");
            whenLocked.run();
            Thread.sleep(HELD_MS);
            connection.commit();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Peer peer(long id, String username, boolean min) {
        return Peer.builder(id, PeerType.USER).accessHash(min ? 0 : 1000 + id).username(username).min(min).build();
    }

}
