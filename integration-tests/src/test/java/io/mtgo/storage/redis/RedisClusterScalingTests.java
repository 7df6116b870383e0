package io.mtgo.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import io.mtgo.storage.StorageCopy;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisStorage} on a Redis Cluster that changes under load ({@link PrivateRedisCluster}):
 * eight writers save peers with contested usernames into four busy sessions while the slots of
 * two of them move to a new master (one slot held half-migrated for 800 ms, so that writes meet
 * TRYAGAIN and ASK, then {@code redis-cli --cluster reshard} of 64 slots) and the master of the
 * other two is killed (SIGKILL) and replaced by its replica. Afterwards every acknowledged write
 * is there, no record vanished after a failed write, each username has exactly one holder, and
 * listing and copying see every peer.
 * <p>
 * Redis replicates asynchronously: a master killed with writes its replica has not received yet
 * loses them, whatever the client does (see {@code docs/scaling-out.md}). This test pauses the
 * writers and waits for the replica to catch up before the kill, so that what it checks is the
 * storage, not that documented window; the writers resume before the failover happens, so they
 * do write into it.
 */
class RedisClusterScalingTests {

    private static final int SESSIONS = 4;

    private static final int WRITERS = 8;

    private static final int PEERS_PER_WRITER = 40;

    private static final int USERNAMES_PER_SESSION = 12;

    /** {@code redis-cli --cluster reshard} takes the lowest slots of the source first. */
    private static final int SLOTS_TO_MOVE = 64;

    /** What docs/redis.md promises; not RedisStorage.SAVE_CHUNK, so that raising that constant fails here. */
    private static final int MAX_PEERS_PER_SCRIPT = 250;

    @RegisterExtension
    static final PrivateRedisClusterExtension redisCluster = new PrivateRedisClusterExtension();

    @Test
    void acknowledgedWritesSurviveReshardingAndFailoverAndListingAndCopyingSeeThem() throws Exception {
        int firstMaster = redisCluster.cluster().masterOf(0);
        int doomedMaster = redisCluster.cluster().masterOf(8_000);
        List<String> moving = sessionNames("moving", 2, slot -> slot < SLOTS_TO_MOVE);
        List<String> failing = sessionNames("failing", 2, slot -> slot == slotServedBy(doomedMaster, slot));
        List<String> sessions = new ArrayList<>(moving);
        sessions.addAll(failing);
        int newMaster = redisCluster.cluster().startNode();
        redisCluster.cluster().addMaster(newMaster);

        RedisStorage storage = RedisStorage.builder(redisCluster.connectionFactory()).sessionName("scaling-root").build();
        Load load = new Load(storage, sessions);
        load.start();
        load.awaitAcknowledged(200, Duration.ofSeconds(20));
        int beforeResharding = load.acknowledged();
        redisCluster.cluster().migrateSlowly(slotOf(moving.get(0)), firstMaster, newMaster, Duration.ofMillis(800));
        redisCluster.cluster().reshard(firstMaster, newMaster, SLOTS_TO_MOVE);
        int duringResharding = load.acknowledged() - beforeResharding;
        Thread.sleep(500);
        load.pause();
        redisCluster.cluster().awaitReplicasCaughtUp(doomedMaster);
        redisCluster.cluster().kill(doomedMaster);
        load.resume();
        redisCluster.cluster().awaitHealthy();
        int beforeRecovery = load.acknowledged();
        Thread.sleep(1_500);
        load.stop();

        assertThat(load.unexpected).as("failures other than StorageException").isEmpty();
        // A load that wrote nothing proves nothing: writes went on while the slots moved and after the failover.
        assertThat(beforeResharding).as("acknowledged writes before resharding (last failure: %s)", load.lastFailure).isPositive();
        assertThat(duringResharding).as("acknowledged writes while resharding").isPositive();
        assertThat(load.acknowledged() - beforeRecovery).as("acknowledged writes after the failover").isPositive();
        for (String name : moving) {
            assertThat(redisCluster.cluster().masterOf(slotOf(name))).as("master of %s after resharding", name).isEqualTo(newMaster);
        }
        for (String name : failing) {
            assertThat(redisCluster.cluster().masterOf(slotOf(name))).as("master of %s after failover", name).isNotEqualTo(doomedMaster);
        }

        for (String name : sessions) {
            Storage session = storage.forSession(name);
            Map<Long, Peer> listed = new HashMap<>();
            ((StorageContents) session).forEachPeerPage(7, page -> page.forEach(peer -> assertThat(listed.put(peer.id(), peer)).isNull()));
            Map<Long, Long> acked = load.acked.get(name);
            Map<Long, Long> attempted = load.attempted.get(name);
            assertThat(listed.keySet()).as("listed peers of %s include every acknowledged one", name).containsAll(acked.keySet());
            assertThat(attempted.keySet()).as("listed peers of %s were all written", name).containsAll(listed.keySet());
            for (Map.Entry<Long, Long> write : acked.entrySet()) {
                Peer stored = session.loadPeer(PeerType.USER, write.getKey()).orElseThrow();
                assertThat(stored.accessHash()).as("version of peer %d of %s", write.getKey(), name)
                    .isBetween(write.getValue(), attempted.get(write.getKey()));
            }
            assertOneHolderPerUsername(session, listed);
        }
        assertThat(storage.sessionNames()).containsAll(sessions);

        try (Storage copy = Storages.memory("scaling-copy")) {
            StorageCopy.Counts counts = StorageCopy.copy(storage, copy);
            assertThat(counts.sessions()).isGreaterThanOrEqualTo(SESSIONS);
            for (String name : sessions) {
                Set<Peer> source = new HashSet<>(((StorageContents) storage.forSession(name)).allPeers());
                assertThat(new HashSet<>(((StorageContents) copy.forSession(name)).allPeers())).as("copy of %s", name).isEqualTo(source);
            }
        }
    }

    /**
     * A batch of 100,000 peers runs as many bounded scripts, not as one that blocks every other
     * client for seconds: the server counts at least one script call per chunk, and its slow log
     * (recording every command over 1 ms; Redis 7 also logs the commands a script runs, which
     * take microseconds) shows no script call carrying more than one chunk of peers or running
     * for a second. The key count is the firm check: durations on a shared, loaded test machine
     * are only a sanity bound.
     */
    @Test
    void aHugeSavePeersRunsAsBoundedScripts() throws Exception {
        String name = "huge-batch";
        int master = redisCluster.cluster().masterOf(slotOf(name));
        redisCluster.cluster().cliOutput(master, "CONFIG", "SET", "slowlog-log-slower-than", "1000");
        redisCluster.cluster().cliOutput(master, "CONFIG", "SET", "slowlog-max-len", "4096");
        redisCluster.cluster().cliOutput(master, "SLOWLOG", "RESET");
        long scriptCallsBefore = scriptCalls(master);
        Storage storage = RedisStorage.builder(redisCluster.connectionFactory()).sessionName(name).build();
        List<Peer> peers = IntStream.rangeClosed(1, 100_000)
            .mapToObj(id -> Peer.builder(id, PeerType.USER).accessHash(id).username("huge_" + id).firstName("Huge").build())
            .toList();
        long started = System.nanoTime();
        storage.savePeers(peers);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long scriptCalls = scriptCalls(master) - scriptCallsBefore;
        List<ScriptCall> slowCalls = ScriptCall.parse(redisCluster.cluster().cliOutput(master, "SLOWLOG", "GET", "4096"));

        assertThat(scriptCalls).as("script calls of savePeers of 100,000 peers (%d ms)", millis)
            .isGreaterThanOrEqualTo(100_000 / MAX_PEERS_PER_SCRIPT);
        assertThat(slowCalls).as("script calls over 1 ms").isNotEmpty().allSatisfy(call -> {
            assertThat(call.keys()).as("keys of one call: username hash, index, one chunk of peers").isLessThanOrEqualTo(MAX_PEERS_PER_SCRIPT + 2);
            assertThat(call.micros()).as("server time of one call").isLessThan(1_000_000);
        });
        assertThat(storage.loadPeerByUsername("huge_99999")).map(Peer::id).contains(99_999L);
        AtomicInteger listed = new AtomicInteger();
        ((StorageContents) storage).forEachPeerPage(1_000, page -> listed.addAndGet(page.size()));
        assertThat(listed).hasValue(100_000);
        storage.deleteSession(name);
        assertThat(((StorageContents) storage).sessionNames()).doesNotContain(name);
        assertThat(storage.loadPeer(PeerType.USER, 1)).isEmpty();
    }

    /** @return how many EVALSHA and EVAL calls a node has run since it started */
    private static long scriptCalls(int port) throws Exception {
        long calls = 0;
        for (String line : redisCluster.cluster().cliOutput(port, "INFO", "commandstats").split("\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String field = line.substring(line.indexOf("calls=") + "calls=".length());
                calls += Long.parseLong(field.substring(0, field.indexOf(',')));
            }
        }
        return calls;
    }

    /** One EVALSHA entry of {@code redis-cli SLOWLOG GET}: id, time, duration, then the command. */
    private record ScriptCall(long micros, int keys) {

        static List<ScriptCall> parse(String slowLog) {
            List<String> lines = slowLog.lines().map(String::trim).toList();
            List<ScriptCall> calls = new ArrayList<>();
            for (int i = 1; i + 2 < lines.size(); i++) {
                // EVAL (once per node, after NOSCRIPT) shows the script's text over many lines: skipped.
                if (lines.get(i).equalsIgnoreCase("EVALSHA")) {
                    calls.add(new ScriptCall(Long.parseLong(lines.get(i - 1)), Integer.parseInt(lines.get(i + 2))));
                }
            }
            return calls;
        }

    }

    private static void assertOneHolderPerUsername(Storage session, Map<Long, Peer> listed) {
        Map<String, List<Long>> holders = listed.values().stream().filter(peer -> peer.username() != null)
            .collect(Collectors.groupingBy(Peer::username, Collectors.mapping(Peer::id, Collectors.toList())));
        for (int k = 0; k < USERNAMES_PER_SESSION; k++) {
            String username = username(k);
            List<Long> held = holders.getOrDefault(username, List.of());
            assertThat(held).as("holders of %s", username).hasSizeLessThanOrEqualTo(1);
            assertThat(session.loadPeerByUsername(username).map(Peer::id)).as("lookup of %s", username)
                .isEqualTo(held.stream().findFirst());
        }
    }

    private static String username(int k) {
        return "contested_" + k;
    }

    private static int slotOf(String sessionName) {
        return SlotHash.getSlot("{" + RedisKeys.encodeSessionName(sessionName) + "}");
    }

    private static int slotServedBy(int port, int slot) {
        try {
            return (redisCluster.cluster().masterOf(slot) == port) ? slot : -1;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Session names whose slot passes a test, so the test knows which node each one lives on. */
    private static List<String> sessionNames(String kind, int count, java.util.function.IntPredicate slot) {
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < count; i++) {
            String name = kind + "-" + i;
            if (slot.test(slotOf(name))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Eight writers, two per session. Each owns its peer ids and saves them again and again with a
     * rising version in the access hash and a username out of a small pool that the other writer
     * of the session takes from as well; each batch also carries one new peer that is never
     * written again.
     */
    private static final class Load {

        final Map<String, Map<Long, Long>> acked = new ConcurrentHashMap<>();

        final Map<String, Map<Long, Long>> attempted = new ConcurrentHashMap<>();

        final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

        volatile StorageException lastFailure;

        private final Storage storage;

        private final List<String> sessions;

        private final AtomicBoolean running = new AtomicBoolean(true);

        private volatile boolean paused;

        private final AtomicInteger pausedWriters = new AtomicInteger();

        private final AtomicInteger acknowledged = new AtomicInteger();

        private final List<Thread> threads = new ArrayList<>();

        Load(Storage storage, List<String> sessions) {
            this.storage = storage;
            this.sessions = sessions;
            sessions.forEach(name -> {
                this.acked.put(name, new ConcurrentHashMap<>());
                this.attempted.put(name, new ConcurrentHashMap<>());
            });
        }

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> write(writer), "cluster-writer-" + w);
                this.threads.add(thread);
                thread.start();
            }
        }

        int acknowledged() {
            return this.acknowledged.get();
        }

        /** Waits until the writers are under way: connecting to a cluster takes a while on a busy machine. */
        void awaitAcknowledged(int writes, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (this.acknowledged.get() < writes && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        /** Returns once every writer is between writes, none in flight. */
        void pause() throws InterruptedException {
            this.paused = true;
            while (this.pausedWriters.get() < WRITERS) {
                Thread.sleep(5);
            }
        }

        void resume() {
            this.paused = false;
        }

        void stop() throws InterruptedException {
            this.paused = false;
            this.running.set(false);
            for (Thread thread : this.threads) {
                thread.join(30_000);
            }
        }

        private void write(int writer) {
            String name = this.sessions.get(writer % this.sessions.size());
            Storage session = this.storage.forSession(name);
            Map<Long, Long> versions = new HashMap<>();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long fresh = writer * 1_000_000L + 100_000;
            while (this.running.get()) {
                awaitResume();
                List<Peer> batch = new ArrayList<>();
                // A peer written once and never again: if its write was acknowledged but not
                // applied, no later write can hide it.
                batch.add(Peer.builder(++fresh, PeerType.USER).accessHash(1).firstName("w" + writer).build());
                int size = random.nextInt(1, 4);
                Set<Long> ids = new HashSet<>();
                for (int i = 0; i < size; i++) {
                    long id = writer * 1_000L + random.nextInt(1, PEERS_PER_WRITER + 1);
                    if (ids.add(id)) {
                        long version = versions.merge(id, 1L, Long::sum);
                        String username = (random.nextInt(4) == 0) ? null : username(random.nextInt(USERNAMES_PER_SESSION));
                        batch.add(Peer.builder(id, PeerType.USER).accessHash(version).username(username).firstName("w" + writer).build());
                    }
                }
                batch.forEach(peer -> this.attempted.get(name).put(peer.id(), peer.accessHash()));
                try {
                    session.savePeers(batch);
                    batch.forEach(peer -> this.acked.get(name).put(peer.id(), peer.accessHash()));
                    this.acknowledged.addAndGet(batch.size());
                }
                catch (StorageException ex) {
                    // allowed while a slot moves or a master fails over: the previous values stay
                    this.lastFailure = ex;
                }
                catch (Throwable ex) {
                    this.unexpected.add(ex);
                }
            }
        }

        private void awaitResume() {
            if (!this.paused) {
                return;
            }
            this.pausedWriters.incrementAndGet();
            while (this.paused) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            this.pausedWriters.decrementAndGet();
        }

    }

}
