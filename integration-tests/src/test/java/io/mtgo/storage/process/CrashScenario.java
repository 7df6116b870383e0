package io.mtgo.storage.process;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writer JVM with SIGKILL mid-write, three times on the same database file, then opens the
 * file in-process and checks that every acknowledged write is there with its exact value. Only the
 * one write in flight at each kill (the one after the last acknowledgement) may or may not have
 * landed, so each key may hold its last acknowledged value or that write's value, nothing else.
 */
final class CrashScenario {

    private static final int CYCLES = 3;

    private static final int MIN_ACKS = 200;

    private static final String SESSION = "crash";

    private final WriterDatabase database;

    /** Per key, every value it may hold. */
    private final Map<String, Set<Object>> allowed = new LinkedHashMap<>();

    private final ExpectedState expected = new ExpectedState();

    /** Per cycle, its acknowledgements and the writer's last output lines, for a failure's message. */
    private final List<String> cycles = new ArrayList<>();

    CrashScenario(WriterDatabase database) {
        this.database = database;
    }

    void run() throws Exception {
        long total = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            long acked = writeUntilKilled(cycle);
            total += acked;
            replay(cycle, acked);
        }
        assertThat(total).isGreaterThanOrEqualTo(CYCLES * MIN_ACKS);
        verify();
    }

    private long writeUntilKilled(int cycle) throws Exception {
        List<String> args = StorageWriterProcess.args(Workload.Mode.CRASH, this.database, SESSION, cycle, -1, null);
        try (ChildJvm child = ChildJvm.start(StorageWriterProcess.class, args)) {
            child.awaitLines(StorageWriterProcess.ACK, MIN_ACKS, Duration.ofSeconds(1), Duration.ofSeconds(120));
            assertThat(child.kill()).as("exit value of writer %d after SIGKILL", child.pid()).isEqualTo(ChildJvm.SIGKILL_EXIT);
            List<String> stdout = child.stdout();
            long acked = StorageWriterProcess.ackCount(stdout, cycle);
            this.cycles.add("cycle " + cycle + ": " + acked + " acknowledged, last output " + stdout.subList(Math.max(0, stdout.size() - 3), stdout.size()));
            return acked;
        }
    }

    private void replay(int cycle, long acked) {
        Workload workload = new Workload(Workload.Mode.CRASH, cycle, SESSION);
        for (long seq = 0; seq < acked; seq++) {
            this.expected.apply(workload.op(seq)).forEach((key, value) -> this.allowed.put(key, new HashSet<>(Set.of(value))));
        }
        this.expected.apply(workload.op(acked))
            .forEach((key, value) -> this.allowed.computeIfAbsent(key, k -> new HashSet<>(Set.of(ExpectedState.ABSENT))).add(value));
    }

    private void verify() throws SQLException {
        try (HikariDataSource dataSource = this.database.open(); Storage storage = Storages.adapt(dataSource, SESSION)) {
            assertSqliteIntegrity(dataSource);
            StoredState stored = new StoredState(storage);
            this.allowed.forEach(stored::expectOneOf);
            stored.expectConsistentUsernames(
                    this.allowed.keySet().stream().filter(k -> k.startsWith("peer:")).map(k -> Long.parseLong(k.substring(5))).toList(),
                    this.allowed.keySet().stream().filter(k -> k.startsWith("uname:")).map(k -> k.substring(6)).toList());
            stored.assertNoProblems("after " + CYCLES + " SIGKILLs on " + this.database + " (" + String.join("; ", this.cycles) + ")");
            assertNewWritesWork(storage);
        }
    }

    /** SQLite can check its own file; a torn page or broken index after the kills shows here. */
    private void assertSqliteIntegrity(DataSource dataSource) throws SQLException {
        if (!this.database.url().startsWith("jdbc:sqlite:")) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).as("PRAGMA integrity_check").isEqualTo("ok");
        }
    }

    private static void assertNewWritesWork(Storage storage) {
        Peer peer = Peer.builder(7_777_777, PeerType.CHANNEL).accessHash(5).username("After_Crash").build();
        storage.savePeer(peer);
        storage.setUpdateState(9, new byte[] { 9 });
        assertThat(storage.loadPeerByUsername("after_crash")).map(Peer::accessHash).contains(5L);
        assertThat(storage.getUpdateState(9)).hasValueSatisfying(state -> assertThat(state).containsExactly(9));
    }

}
