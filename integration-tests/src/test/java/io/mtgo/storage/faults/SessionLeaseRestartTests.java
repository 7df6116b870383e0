package io.mtgo.storage.faults;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A held lease survives a crash and restart of the server, as each backend documents: PostgreSQL
 * keeps the committed row (WAL), Redis with {@code appendfsync always} replays the lease key with
 * its absolute expiry and the token counter. After the restart the holder can renew, nobody else
 * can take the lease, and the next acquisition still gets a greater token. While the server is
 * down, lease calls fail with a {@link StorageException}. The servers are private
 * ones the test starts and kills; the shared services are never touched.
 */
class SessionLeaseRestartTests {

    private static final Duration TTL = Duration.ofSeconds(60);

    @Test
    void aPostgresLeaseSurvivesACrashAndRestart() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.create()) {
            server.start();
            try (HikariDataSource dataSource = server.dataSource(); Storage storage = Storages.adapt(dataSource, "restart")) {
                survivesRestart(server, storage.leases());
            }
        }
    }

    @Test
    void aRedisLeaseSurvivesACrashAndRestartWithAppendFsyncAlways() throws Exception {
        try (PrivateRedis server = PrivateRedis.create()) {
            server.start();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()),
                    LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
            factory.afterPropertiesSet();
            factory.start();
            try (Storage storage = Storages.adapt(factory, "restart")) {
                survivesRestart(server, storage.leases());
            }
            finally {
                factory.destroy();
            }
        }
    }

    private static void survivesRestart(PrivateServer server, SessionLeases leases) throws Exception {
        SessionLease held = leases.tryAcquire("restart", "holder", TTL).orElseThrow();
        server.stopHarshly();
        // While the server is down, a lease call is a failure, never "not held" or "free".
        assertThatThrownBy(() -> leases.renew(held, TTL)).isInstanceOf(StorageException.class).hasCauseInstanceOf(RuntimeException.class)
            .hasMessageContaining("renew").hasMessageContaining("'restart'");
        assertThatThrownBy(() -> leases.tryAcquire("restart", "intruder", TTL)).isInstanceOf(StorageException.class);
        server.start();
        SessionLease renewed = retryWhileReconnecting(() -> leases.renew(held, TTL)).orElseThrow();
        assertThat(renewed.token()).isEqualTo(held.token());
        assertThat(leases.tryAcquire("restart", "intruder", TTL)).as("taken by another owner after the restart").isEmpty();
        assertThat(leases.current("restart").map(SessionLease::owner)).contains("holder");
        assertThat(leases.release(renewed)).isTrue();
        assertThat(leases.tryAcquire("restart", "next", TTL).orElseThrow().token()).isGreaterThan(held.token());
    }

    /** The first calls after a restart may meet connections that died with the old server. */
    private static <T> T retryWhileReconnecting(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            }
            catch (StorageException ex) {
                if (System.nanoTime() > deadline) {
                    throw ex;
                }
                Thread.sleep(200);
            }
        }
    }

}
