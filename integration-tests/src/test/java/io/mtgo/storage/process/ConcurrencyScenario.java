package io.mtgo.storage.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writer JVMs released at the same moment on one database and session: they contest peer ids,
 * usernames, the session, metadata and a conversation, and each also writes keys of its own. Both
 * must finish without error (no {@code SQLITE_BUSY}); afterwards every own key holds exactly its
 * process's last acknowledged value, every contested key one of the acknowledged values, and the
 * username index is consistent. The schema is applied by the parent first, so the race is on
 * writes, not on Liquibase.
 */
final class ConcurrencyScenario {

    private static final int PROCESSES = 2;

    private final WriterDatabase database;

    private final String sessionName;

    private final Path directory;

    private final int opsPerProcess;

    ConcurrencyScenario(WriterDatabase database, String sessionName, Path directory, int opsPerProcess) {
        this.database = database;
        this.sessionName = sessionName;
        this.directory = directory;
        this.opsPerProcess = opsPerProcess;
    }

    void run() throws Exception {
        try (HikariDataSource dataSource = this.database.open(); Storage storage = Storages.adapt(dataSource, this.sessionName)) {
            try {
                writeConcurrently();
                verify(storage);
            }
            finally {
                storage.deleteSession(this.sessionName);
            }
        }
    }

    private void writeConcurrently() throws Exception {
        Path go = this.directory.resolve("go");
        try (ChildJvm first = start(1, go); ChildJvm second = start(2, go)) {
            List<ChildJvm> children = List.of(first, second);
            for (ChildJvm child : children) {
                child.awaitLine(StorageWriterProcess.READY, Duration.ofSeconds(120));
            }
            Files.createFile(go);
            for (int proc = 1; proc <= PROCESSES; proc++) {
                ChildJvm child = children.get(proc - 1);
                int exit = child.awaitExit(Duration.ofSeconds(120));
                String output = String.join("\n", child.stdout()) + "\n" + child.stderr();
                assertThat(exit).as("exit value of writer %d; stderr:\n%s", proc, child.stderrTail()).isZero();
                assertThat(output).as("output of writer %d", proc).doesNotContain("SQLITE_BUSY").doesNotContain("database is locked");
                assertThat(StorageWriterProcess.ackCount(child.stdout(), proc)).isEqualTo(this.opsPerProcess);
            }
        }
    }

    private ChildJvm start(int proc, Path go) throws Exception {
        return ChildJvm.start(StorageWriterProcess.class, StorageWriterProcess.args(Workload.Mode.CONCURRENT, this.database,
                this.sessionName, proc, this.opsPerProcess, go));
    }

    private void verify(Storage storage) {
        Map<String, Object> own = new HashMap<>();
        Map<String, Set<Object>> contested = new HashMap<>();
        for (int proc = 1; proc <= PROCESSES; proc++) {
            Workload workload = new Workload(Workload.Mode.CONCURRENT, proc, this.sessionName);
            ExpectedState expected = new ExpectedState();
            for (long seq = 0; seq < this.opsPerProcess; seq++) {
                expected.apply(workload.op(seq)).forEach((key, value) -> {
                    if (!isContested(key)) {
                        own.put(key, value);
                    }
                    else if (!key.startsWith("uname:")) {
                        Set<Object> values = contested.computeIfAbsent(key, k -> new HashSet<>());
                        values.add(value);
                        if (value instanceof ExpectedState.PeerView peer) {
                            values.add(peer.withoutUsername());
                        }
                    }
                });
            }
        }
        assertThat(contested).containsKeys("session", "meta:firstName", "meta:userId", "meta:username",
                "conv:" + Workload.CONTESTED_CHAT + ":" + Workload.CONTESTED_CHAT, "peer:1", "peer:" + Workload.CONTESTED_PEERS);
        StoredState stored = new StoredState(storage);
        own.forEach((key, value) -> stored.expectOneOf(key, Set.of(value)));
        contested.forEach(stored::expectOneOf);
        List<Long> peerIds = new ArrayList<>(LongStream.rangeClosed(1, Workload.CONTESTED_PEERS).boxed().toList());
        own.keySet().stream().filter(k -> k.startsWith("peer:")).forEach(k -> peerIds.add(Long.parseLong(k.substring(5))));
        List<String> names = Stream.concat(IntStream.range(0, Workload.CONTESTED_NAMES).mapToObj(Workload::contestedName),
                own.keySet().stream().filter(k -> k.startsWith("uname:")).map(k -> k.substring(6))).toList();
        stored.expectConsistentUsernames(peerIds, names);
        stored.assertNoProblems(PROCESSES + " concurrent writers on " + this.database);
    }

    private static boolean isContested(String key) {
        String[] parts = key.split(":");
        return switch (parts[0]) {
            case "session", "meta" -> true;
            case "conv" -> key.equals("conv:" + Workload.CONTESTED_CHAT + ":" + Workload.CONTESTED_CHAT);
            case "peer" -> Workload.isContestedPeer(Long.parseLong(parts[1]));
            case "uname" -> parts[1].startsWith(Workload.CONTESTED_NAME_PREFIX);
            default -> false;
        };
    }

}
