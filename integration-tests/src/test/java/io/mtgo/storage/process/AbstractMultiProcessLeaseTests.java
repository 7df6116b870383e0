package io.mtgo.storage.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session leases between real processes on one database: two contender JVMs, each taking and
 * releasing the lease round after round, never hold it at once and never get the same token.
 */
abstract class AbstractMultiProcessLeaseTests {

    private static final int ROUNDS = 150;

    @TempDir
    Path directory;

    WriterDatabase database;

    private HikariDataSource dataSource;

    private Storage storage;

    SessionLeases leases;

    final String session = "lease-process-" + UUID.randomUUID().toString().substring(0, 8);

    /** The database the processes share. */
    abstract WriterDatabase database(Path directory);

    @BeforeEach
    void open() {
        this.database = database(this.directory);
        this.dataSource = this.database.open();
        this.storage = Storages.adapt(this.dataSource, this.session);
        this.leases = this.storage.leases();
    }

    @AfterEach
    void close() {
        this.storage.close();
        this.dataSource.close();
    }

    @Test
    void twoProcessesNeverHoldTheLeaseAtOnce() throws Exception {
        Path go = this.directory.resolve("go");
        Path marker = this.directory.resolve("holder");
        try (ChildJvm first = ChildJvm.start(LeaseContenderProcess.class, LeaseContenderProcess.args(this.database, this.session, "first", ROUNDS, marker, go));
                ChildJvm second = ChildJvm.start(LeaseContenderProcess.class, LeaseContenderProcess.args(this.database, this.session, "second", ROUNDS, marker, go))) {
            first.awaitLine(StorageWriterProcess.READY, Duration.ofSeconds(60));
            second.awaitLine(StorageWriterProcess.READY, Duration.ofSeconds(60));
            Files.createFile(go);
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as("first exit; stderr: %s", first.stderrTail()).isZero();
            assertThat(second.awaitExit(Duration.ofSeconds(60))).as("second exit; stderr: %s", second.stderrTail()).isZero();
            List<String> lines = new ArrayList<>(first.stdout());
            lines.addAll(second.stdout());
            assertThat(lines).noneMatch(line -> line.startsWith(LeaseContenderProcess.OVERLAP));
            List<Long> firstTokens = tokens(first.stdout());
            List<Long> secondTokens = tokens(second.stdout());
            assertThat(firstTokens).as("first's tokens").isNotEmpty().isSorted().doesNotHaveDuplicates();
            assertThat(secondTokens).as("second's tokens").isNotEmpty().isSorted().doesNotHaveDuplicates();
            List<Long> all = new ArrayList<>(firstTokens);
            all.addAll(secondTokens);
            assertThat(all).as("no token handed out twice").doesNotHaveDuplicates();
        }
    }

    private static List<Long> tokens(List<String> stdout) {
        return stdout.stream().filter(line -> line.startsWith(LeaseContenderProcess.TOKEN) && line.endsWith(";"))
            .map(line -> Long.parseLong(line.substring(LeaseContenderProcess.TOKEN.length(), line.length() - 1))).toList();
    }

}
