package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.mtgo.storage.Storage;
import io.mtgo.storage.Usernames;

/**
 * Ours against the raw baseline on a loaded machine: where JMH runs each benchmark in its own fork,
 * minutes apart, and the machine's load changes in between, this alternates short rounds of ours and
 * raw for each operation in one JVM on the same {@link Backend}, and reports the median of the
 * per-round ratios (ours' throughput over raw's) with the medians of both throughputs. Same data
 * and operations as {@link StorageBenchmarks}. {@code benchmarks/run.sh} runs it after the JMH suite;
 * its ratios are the ones RESULTS.md holds the targets against.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.InterleavedRatios backend[,backend...] [rounds] [ms per round]}
 * (default 9 rounds of 300 ms per side after one warm-up round).
 */
public final class InterleavedRatios {

    private InterleavedRatios() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 9;
        long roundNanos = ((args.length > 2) ? Long.parseLong(args[2]) : 300) * 1_000_000L;
        System.out.println("| backend | operation | ours (ops/s) | raw (ops/s) | median ratio of " + rounds + " interleaved rounds |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String name : args[0].split(",")) {
            try (Backend backend = Backend.open(name)) {
                Workload workload = new Workload();
                Storage ours = backend.storage();
                RawBaseline raw = backend.baseline();
                ours.savePeers(List.of(workload.allPeers()));
                raw.savePeers(List.of(workload.allPeers()));
                ours.saveSession(Workload.session(Backend.SESSION));
                raw.saveSession(Workload.session(Backend.SESSION + "-raw"));
                compare(name, "savePeer", rounds, roundNanos, 1, w -> ours.savePeer(w.nextPeer()), w -> raw.savePeer(w.nextPeer()));
                compare(name, "savePeers1000", rounds, roundNanos, Workload.BATCH, w -> ours.savePeers(w.nextBatch()),
                        w -> raw.savePeers(w.nextBatch()));
                compare(name, "loadPeer", rounds, roundNanos, 1, w -> require(ours.loadPeer(w.nextId()).isPresent()),
                        w -> require(raw.loadPeer(w.nextId()) != null));
                compare(name, "loadPeerByUsername", rounds, roundNanos, 1, w -> require(ours.loadPeerByUsername(w.nextUsername()).isPresent()),
                        w -> require(raw.loadPeerByUsername(Usernames.keyOf(w.nextUsername())) != null));
                compare(name, "setUpdateState", rounds, roundNanos, 1, w -> ours.setUpdateState(2, w.updateState()),
                        w -> raw.setUpdateState(2, w.updateState()));
                compare(name, "saveAndLoadSession", rounds, roundNanos, 1, w -> {
                    ours.saveSession(Workload.session(Backend.SESSION));
                    require(ours.loadSession(Backend.SESSION).isPresent());
                }, w -> {
                    raw.saveSession(Workload.session(Backend.SESSION + "-raw"));
                    require(raw.loadSession(Backend.SESSION + "-raw") != null);
                });
            }
        }
    }

    private static void compare(String backend, String operation, int rounds, long roundNanos, int perCall, Consumer<Workload> ours,
            Consumer<Workload> raw) {
        Workload oursWorkload = new Workload();
        Workload rawWorkload = new Workload();
        run(ours, oursWorkload, roundNanos);
        run(raw, rawWorkload, roundNanos);
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Who goes first alternates, so that neither side always meets what the other left behind.
            boolean oursFirst = round % 2 == 0;
            double first = run(oursFirst ? ours : raw, oursFirst ? oursWorkload : rawWorkload, roundNanos) * perCall;
            double second = run(oursFirst ? raw : ours, oursFirst ? rawWorkload : oursWorkload, roundNanos) * perCall;
            double o = oursFirst ? first : second;
            double r = oursFirst ? second : first;
            results.add(new double[] { o, r, o / r });
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f |%n", backend, operation, median(results, 0), median(results, 1),
                median(results, 2));
    }

    /** Calls per second over about {@code nanos}. */
    private static double run(Consumer<Workload> work, Workload workload, long nanos) {
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            work.accept(workload);
            calls++;
            elapsed = System.nanoTime() - start;
        }
        while (elapsed < nanos);
        return calls * 1e9 / elapsed;
    }

    private static double median(List<double[]> results, int column) {
        double[] values = results.stream().mapToDouble(result -> result[column]).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("not found");
        }
    }

}
