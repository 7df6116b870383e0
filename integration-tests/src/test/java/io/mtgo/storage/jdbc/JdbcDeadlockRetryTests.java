package io.mtgo.storage.jdbc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write the database rolled back to break a deadlock is tried again also when the deadlock came
 * seconds into the attempt, as on a loaded machine (20 accounts starting at once on MySQL
 * Connector/J lost their first writes), unlike a write that waited out a lock timeout
 * ({@link JdbcLockWaitTests}).
 */
class JdbcDeadlockRetryTests {

    private static final String TABLE = "mtgo_deadlock_retry_test";

    @Test
    void aWriteChosenAsADeadlockVictimLateInItsAttemptIsTriedAgain() throws InterruptedException {
        TestServices.Jdbc db = TestServices.postgres();
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 2);
                HikariDataSource other = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
            jdbc.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, v INT NOT NULL)");
            jdbc.update("INSERT INTO " + TABLE + " VALUES (1, 0), (2, 0)");
            CountDownLatch otherHoldsRow2 = new CountDownLatch(1);
            CountDownLatch weHoldRow1 = new CountDownLatch(1);
            AtomicReference<Throwable> otherFailure = new AtomicReference<>();
            Thread otherWriter = new Thread(() -> {
                try {
                    new TransactionTemplate(new DataSourceTransactionManager(other)).executeWithoutResult(status -> {
                        JdbcTemplate otherJdbc = new JdbcTemplate(other);
                        // The other transaction waits longer before it looks for deadlocks: ours is the victim.
                        otherJdbc.execute("SET LOCAL deadlock_timeout = '20s'");
                        otherJdbc.update("UPDATE " + TABLE + " SET v = v + 10 WHERE id = 2");
                        otherHoldsRow2.countDown();
                        await(weHoldRow1);
                        otherJdbc.update("UPDATE " + TABLE + " SET v = v + 10 WHERE id = 1");
                    });
                }
                catch (Throwable ex) {
                    otherFailure.set(ex);
                }
            });
            otherWriter.start();
            await(otherHoldsRow2);
            AtomicInteger attempts = new AtomicInteger();
            long started = System.nanoTime();
            JdbcAccess.on(dataSource).writeAtomically("deadlock-retry", () -> {
                jdbc.update("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 1");
                if (attempts.incrementAndGet() == 1) {
                    sleep(2_200); // the attempt is older than the 2 s after which a lock timeout is not retried
                    weHoldRow1.countDown();
                    sleep(300); // the other transaction now waits for row 1
                }
                jdbc.update("UPDATE " + TABLE + " SET v = v + 1 WHERE id = 2"); // first attempt: deadlock after 1 s
            });
            otherWriter.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(otherFailure.get()).isNull();
            // At least two: on a loaded machine a retry can take row 1 back before the other
            // transaction's backend wakes to take it, and deadlock again (seen in PostgreSQL's log:
            // the other waiting for the second attempt's transaction); that one is retried too.
            assertThat(attempts.get()).as("attempts, the first rolled back as the deadlock's victim").isGreaterThanOrEqualTo(2);
            assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(3_000));
            assertThat(jdbc.queryForList("SELECT v FROM " + TABLE + " ORDER BY id", Integer.class))
                .as("both writes applied once").containsExactly(11, 11);
            jdbc.execute("DROP TABLE " + TABLE);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
