package io.mtgo.storage.process;

import java.nio.file.Path;
import java.time.Duration;

import io.mtgo.storage.SessionLease;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session leases between processes on the shared PostgreSQL database (random session names); on
 * top of the contention test, a holder killed with SIGKILL is replaced once its TTL is over (and
 * not before), and a Spring Boot holder stopped with SIGTERM hands the lease over at once. (Each
 * of these starts a Spring Boot child JVM, so they run on this database only.)
 */
class PostgresMultiProcessLeaseTests extends AbstractMultiProcessLeaseTests {

    @Override
    WriterDatabase database(Path directory) {
        return WriterDatabase.postgres();
    }


    @Test
    void aHolderKilledWithSigkillIsReplacedAfterItsTtl() throws Exception {
        Duration ttl = LeaseContenderProcess.HOLD_TTL;
        Path unused = this.directory.resolve("unused");
        try (ChildJvm holder = ChildJvm.start(LeaseContenderProcess.class,
                LeaseContenderProcess.args(this.database, this.session, "killed-holder", -1, unused, unused))) {
            holder.awaitLine(LeaseContenderProcess.HELD, Duration.ofSeconds(60));
            long heldToken = heldToken(holder);
            Thread.sleep(ttl.toMillis() + 500);
            assertThat(this.leases.tryAcquire(this.session, "replacement", ttl)).as("while the holder renews").isEmpty();
            assertThat(holder.kill()).isEqualTo(ChildJvm.SIGKILL_EXIT);
            long killed = System.nanoTime();
            assertThat(this.leases.tryAcquire(this.session, "replacement", ttl)).as("right after the kill, before the TTL").isEmpty();
            SessionLease replacement = this.leases.acquire(this.session, "replacement", ttl, Duration.ofSeconds(10)).orElseThrow();
            Duration waited = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(replacement.token()).isGreaterThan(heldToken);
            assertThat(waited).as("replaced within the TTL plus a poll").isLessThan(ttl.plusMillis(1000));
        }
    }

    @Test
    void aGracefulShutdownHandsTheLeaseOverAtOnce() throws Exception {
        try (ChildJvm holder = ChildJvm.start(LeaseHolderApplication.class,
                LeaseHolderApplication.args(this.database, this.session, "old-pod", "60s"))) {
            holder.awaitLine(LeaseHolderApplication.HELD, Duration.ofSeconds(60));
            long heldToken = heldToken(holder);
            assertThat(this.leases.tryAcquire(this.session, "new-pod", Duration.ofSeconds(60))).as("while the old pod runs").isEmpty();
            ProcessHandle.of(holder.pid()).orElseThrow().destroy();
            long stopped = System.nanoTime();
            assertThat(holder.awaitExit(Duration.ofSeconds(30))).as("exit on SIGTERM; stderr: %s", holder.stderrTail()).isEqualTo(143);
            SessionLease next = this.leases.tryAcquire(this.session, "new-pod", Duration.ofSeconds(60)).orElseThrow();
            assertThat(next.token()).isGreaterThan(heldToken);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("hand-over, far below the 60 s TTL").isLessThan(Duration.ofSeconds(10));
            assertThat(holder.stderr()).contains("Released the lease of session '" + this.session + "'");
        }
    }

    /** The token of a {@code HELD <token>;} line (both holder children print one). */
    private static long heldToken(ChildJvm holder) {
        return holder.stdout().stream().filter(line -> line.startsWith(LeaseHolderApplication.HELD)).findFirst()
            .map(line -> Long.parseLong(line.substring(LeaseHolderApplication.HELD.length(), line.length() - 1))).orElseThrow();
    }

}
