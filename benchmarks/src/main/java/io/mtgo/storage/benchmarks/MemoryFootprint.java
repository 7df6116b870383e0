package io.mtgo.storage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.memory.MemoryStorage;

/**
 * Measures the heap {@link MemoryStorage} needs per cached peer: heap in use after a full GC with
 * {@code N} typical peers stored (access hash, a 12-character username, first and last name),
 * minus heap in use before, divided by {@code N}. Target: at most 300 bytes a peer at a million.
 * <p>
 * Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.MemoryFootprint [N]}
 */
public final class MemoryFootprint {

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("MemoryStorage: %d bytes of heap per peer with %,d peers%n", bytesPerPeer(count), count);
    }

    /**
     * Stores {@code count} peers and returns the heap used per peer.
     * @param count how many peers
     * @return bytes per peer
     * @throws InterruptedException if interrupted while letting the GC settle
     */
    public static long bytesPerPeer(int count) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        MemoryStorage storage = MemoryStorage.builder().sessionName("footprint").build();
        List<Peer> batch = new ArrayList<>(10_000);
        for (int i = 0; i < count; i++) {
            batch.add(Peer.builder(5_000_000_000L + i, PeerType.USER)
                .accessHash(i * 0x9E3779B97F4A7C15L)
                .username(String.format("user_%07d", i))
                .firstName("First" + (i % 1000))
                .lastName("Lastname" + i)
                .lastUpdated(1_700_000_000_000L)
                .build());
            if (batch.size() == 10_000) {
                storage.savePeers(batch);
                batch.clear();
            }
        }
        storage.savePeers(batch);
        batch.clear();
        long after = settledHeap(memory);
        if (storage.loadPeer(5_000_000_000L).isEmpty()) {
            throw new IllegalStateException("peers were not stored");
        }
        return (after - before) / count;
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

}
