package io.mtgo.storage.jdbc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write that waited for a row lock until the database's lock timeout fails then, instead of
 * waiting the whole timeout again and again as if it had lost a race: a write blocked by a
 * transaction the application itself kept open took minutes to fail with MariaDB's 50 s timeout.
 */
class JdbcLockWaitTests {

    private static final String SESSION = "lock-wait";

    @Test
    void aWriteThatWaitedOutTheLockTimeoutFailsWhileTheLockIsStillHeld() throws InterruptedException {
        TestServices.Jdbc db = TestServices.mariadb();
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "sessionVariables=innodb_lock_wait_timeout=2";
        // One connection, so that its session counters count the store's statements.
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(url, db.username(), db.password(), 1);
                HikariDataSource other = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1);
                Storage storage = Storages.adapt(dataSource, SESSION)) {
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).build());
            AtomicBoolean holding = new AtomicBoolean();
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread holder = new Thread(() -> new TransactionTemplate(new DataSourceTransactionManager(other)).executeWithoutResult(status -> {
                new JdbcTemplate(other).queryForList("SELECT access_hash FROM mtgo_peers WHERE session_name = ? FOR UPDATE", SESSION);
                holding.set(true);
                locked.countDown();
                try {
                    letGo.await(60, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                holding.set(false);
            }));
            holder.start();
            try {
                assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
                long executionsBefore = executions(dataSource);
                assertThatThrownBy(() -> storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(2).build()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Lock wait timeout");
                assertThat(holding).as("the other transaction still holds the row when the write fails").isTrue();
                assertThat(executions(dataSource) - executionsBefore).as("statements the write sent").isOne();
            }
            finally {
                letGo.countDown();
                holder.join();
            }
            assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(1L);
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(3).build());
            assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(3L);
            storage.deleteSession(SESSION);
        }
    }

    private static long executions(HikariDataSource dataSource) {
        return new JdbcTemplate(dataSource).query("SHOW SESSION STATUS LIKE 'Com_stmt_execute'", rows -> {
            rows.next();
            return rows.getLong(2);
        });
    }

}
