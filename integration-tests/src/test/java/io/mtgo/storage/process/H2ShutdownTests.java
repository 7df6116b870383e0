package io.mtgo.storage.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.jdbc.H2Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the starter's H2 file stopped with SIGTERM: what it saves while its context
 * closes is stored, and its session lease is released. H2 closed the database in its own JVM shutdown
 * hook, so such writes failed with "Database is already closed" and the lease stayed held for its
 * TTL, making the next instance wait.
 */
class H2ShutdownTests {

    @TempDir
    Path directory;

    @Test
    void writesWhileTheApplicationStopsAreStoredAndTheLeaseIsReleased() throws Exception {
        Path file = this.directory.resolve("bot");
        try (ChildJvm app = ChildJvm.start(H2ShutdownWriterApplication.class, List.of(file.toString(), "stopping"))) {
            app.awaitLine(H2ShutdownWriterApplication.READY, Duration.ofSeconds(60));
            ProcessHandle.of(app.pid()).orElseThrow().destroy();
            assertThat(app.awaitExit(Duration.ofSeconds(30))).as("exit on SIGTERM; stderr: %s", app.stderrTail()).isEqualTo(143);
            assertThat(app.stderr()).contains("FAREWELL SAVED").contains("Released the lease of session 'stopping'")
                .doesNotContain("Database is already closed");
        }
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(H2Durability.fileUrl(file));
            dataSource.setUsername("sa");
            Storage storage = Storages.adapt(dataSource, "stopping");
            assertThat(storage.getUserId()).hasValue(H2ShutdownWriterApplication.USER_ID_SAVED_ON_SHUTDOWN);
            assertThat(storage.leases().current("stopping")).as("released on shutdown").isEmpty();
        }
    }

}
