package io.mtgo.storage.faults;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB leases read the server's clock as an epoch that does not depend on the session's time
 * zone. The clock was {@code UNIX_TIMESTAMP(NOW(3))}, local time turned back into an epoch: in the hour
 * a daylight-saving zone repeats each autumn, one of the two instants comes out an hour off (with the
 * zone's tables, the second reads as the first; with the server's system zone, the first as the second),
 * so a lease ran an hour too long or too short (two holders at once). A private server, because the zone's tables must be loaded into it.
 */
class MariaDbLeaseDaylightSavingTests {

    /** 2026-10-25T00:30:00Z and 01:30:00Z: both 02:30 in Berlin, a time of day that comes twice that night. */
    private static final long[] REPEATED_HOUR_SECONDS = { 1_792_888_200L, 1_792_891_800L };

    private static HikariDataSource onOneConnection(HikariDataSource pool) {
        pool.setMaximumPoolSize(1);
        return pool;
    }

    @Test
    void aLeaseTakenInTheRepeatedHourOfADaylightSavingZoneEndsAfterItsTtl() throws Exception {
        try (PrivateMariaDb server = PrivateMariaDb.create()) {
            server.start();
            server.loadTimeZone("Europe/Berlin");
            try (HikariDataSource dataSource = onOneConnection(server.dataSource()); Storage storage = Storages.adapt(dataSource, "dst")) {
                // The pool's only connection keeps both session settings: Berlin time, and the clock at that instant.
                JdbcTemplate connection = new JdbcTemplate(dataSource);
                connection.execute("SET time_zone = 'Europe/Berlin'");
                SessionLeases leases = storage.leases();
                for (long instant : REPEATED_HOUR_SECONDS) {
                    String session = "dst-" + instant;
                    connection.execute("SET timestamp = " + instant);
                    SessionLease lease = leases.tryAcquire(session, "alpha", Duration.ofSeconds(30)).orElseThrow();
                    assertThat(lease.expiresAt()).as("expiry of a lease taken at %s", instant).isEqualTo(instant * 1000 + 30_000);
                    connection.execute("SET timestamp = " + (instant + 31));
                    assertThat(leases.tryAcquire(session, "beta", Duration.ofSeconds(30))).as("free once the TTL ran out").isPresent();
                }
            }
        }
    }

}
