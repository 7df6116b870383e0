package io.mtgo.storage.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases follow the database's clock, not the JVM's: MariaDB lets a connection set its own clock
 * ({@code SET timestamp}), so a pool whose database clock stands an hour behind this JVM's shows
 * which clock the leases read. An implementation that computed expiries from the JVM's clock would
 * put the expiry an hour later than the database does, and would see the lease as expired on the
 * database's own terms.
 */
class MariaDbLeaseClockTests {

    private static final long HOUR_MS = 3_600_000;

    @Test
    void expiryIsMeasuredByTheDatabaseClockWhenTheJvmClockDisagrees() {
        TestServices.Jdbc db = TestServices.mariadb();
        try (HikariDataSource behind = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            try (Storage storage = Storages.adapt(behind, "clock")) {
                SessionLeases leases = storage.leases();
                String session = "lease-clock-" + System.nanoTime();
                // The pool's only connection keeps this session setting: its clock stands still, an hour back.
                long databaseSeconds = System.currentTimeMillis() / 1000 - HOUR_MS / 1000;
                new JdbcTemplate(behind).execute("SET timestamp = " + databaseSeconds);
                SessionLease lease = leases.tryAcquire(session, "alpha", Duration.ofMinutes(10)).orElseThrow();
                assertThat(lease.expiresAt()).as("expiry by the database clock, an hour behind the JVM")
                    .isEqualTo(databaseSeconds * 1000 + Duration.ofMinutes(10).toMillis());
                assertThat(lease.expiresAt()).as("already past by the JVM's clock").isLessThan(System.currentTimeMillis());
                assertThat(leases.current(session)).as("still held by the database's clock").contains(lease);
                assertThat(leases.tryAcquire(session, "beta", Duration.ofMinutes(10))).isEmpty();
                assertThat(leases.renew(lease, Duration.ofMinutes(10))).isPresent();
            }
        }
    }

}
