package io.mtgo.storage.benchmarks;

import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Usernames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every operation a Telegram client does often, on our storage ({@code x}) and on the raw driver
 * doing the same logical work ({@code xRaw}), in the same run. {@code RESULTS.md} divides the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StorageBenchmarks {

    @Param({ "memory" })
    public String backend;

    private Backend target;

    private Workload workload;

    @Setup(Level.Trial)
    public void open() {
        this.target = Backend.open(this.backend);
        this.workload = new Workload();
        // Reads find what they look for: both sides hold every peer of the pool.
        this.target.storage().savePeers(java.util.List.of(this.workload.allPeers()));
        this.target.baseline().savePeers(java.util.List.of(this.workload.allPeers()));
        this.target.storage().saveSession(Workload.session(Backend.SESSION));
        this.target.baseline().saveSession(Workload.session(Backend.SESSION + "-raw"));
        checkBothSidesFind(this.workload.allPeers()[PEER_CHECKED]);
    }

    private static final int PEER_CHECKED = 17;

    /** A baseline that finds nothing would be measured as fast as it is wrong. */
    private void checkBothSidesFind(io.mtgo.storage.Peer peer) {
        String key = Usernames.keyOf(peer.username());
        boolean found = this.target.storage().loadPeer(peer.id()).filter(peer::equals).isPresent()
                && this.target.storage().loadPeerByUsername(peer.username()).filter(peer::equals).isPresent()
                && this.target.storage().loadSession(Backend.SESSION).isPresent()
                && peer.equals(this.target.baseline().loadPeer(peer.id()))
                && peer.equals(this.target.baseline().loadPeerByUsername(key))
                && this.target.baseline().loadSession(Backend.SESSION + "-raw") != null;
        if (!found) {
            throw new IllegalStateException("Backend " + this.backend + " does not read back what it saved (ours: "
                    + this.target.storage().loadPeer(peer.id()) + ", raw: " + this.target.baseline().loadPeer(peer.id()) + ")");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        this.target.close();
    }

    @Benchmark
    public void savePeer() {
        this.target.storage().savePeer(this.workload.nextPeer());
    }

    @Benchmark
    public void savePeerRaw() {
        this.target.baseline().savePeer(this.workload.nextPeer());
    }

    @Benchmark
    @OperationsPerInvocation(Workload.BATCH)
    public void savePeers1000() {
        this.target.storage().savePeers(this.workload.nextBatch());
    }

    @Benchmark
    @OperationsPerInvocation(Workload.BATCH)
    public void savePeers1000Raw() {
        this.target.baseline().savePeers(this.workload.nextBatch());
    }

    @Benchmark
    public Object loadPeer() {
        return this.target.storage().loadPeer(this.workload.nextId());
    }

    @Benchmark
    public Object loadPeerRaw() {
        return this.target.baseline().loadPeer(this.workload.nextId());
    }

    @Benchmark
    public Object loadPeerByUsername() {
        return this.target.storage().loadPeerByUsername(this.workload.nextUsername());
    }

    @Benchmark
    public Object loadPeerByUsernameRaw() {
        return this.target.baseline().loadPeerByUsername(Usernames.keyOf(this.workload.nextUsername()));
    }

    @Benchmark
    public void setUpdateState() {
        this.target.storage().setUpdateState(2, this.workload.updateState());
    }

    @Benchmark
    public void setUpdateStateRaw() {
        this.target.baseline().setUpdateState(2, this.workload.updateState());
    }

    @Benchmark
    public Object saveAndLoadSession() {
        this.target.storage().saveSession(Workload.session(Backend.SESSION));
        return this.target.storage().loadSession(Backend.SESSION);
    }

    @Benchmark
    public Object saveAndLoadSessionRaw() {
        this.target.baseline().saveSession(Workload.session(Backend.SESSION + "-raw"));
        return this.target.baseline().loadSession(Backend.SESSION + "-raw");
    }

}
