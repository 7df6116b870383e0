package io.mtgo.storage.benchmarks;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageCopy;
import io.mtgo.storage.Storages;
import io.mtgo.storage.redis.RedisStorage;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Times {@link StorageCopy} out of one backend: fills it with {@code sessions} sessions of
 * {@code peers} peers each (plus a session record, metadata and an update state), then copies
 * everything into an in-memory storage, so the figure is the source's listing and reading. Not a
 * JMH benchmark: one copy is one long operation, timed once after one warm-up copy of a tenth of
 * the data.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.CopyBenchmark \
 *     redis-cluster=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002 postgres mongodb [sessions] [peers]
 * </pre>
 * Each source writes under a name of its own (Redis key prefix {@code mtgo-copybench}, PostgreSQL
 * schema {@code mtgo_copybench}, a private mongo-java-server) and removes it afterwards.
 * <p>
 * The MongoDB source is filled with the raw driver ({@code insertMany}, {@link MongoRawFill}), not
 * through {@code savePeers}: on mongo-java-server each of the store's writes scans the whole
 * collection (its {@code {s, _id}} filters use no index there), so filling 100,000 peers would take
 * hours. The documents are the store's layout, checked against what the store writes when the
 * source opens, and read back through the store ({@code loadSession}, {@code loadPeer},
 * {@code loadPeerByUsername}, metadata, update state) before the copy; its fill time is the raw
 * driver's, not comparable with the other sources' {@code savePeers} fills. The copy is timed as
 * for the others, through the store, and must count exactly what was filled.
 */
public final class CopyBenchmark {

    private CopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sources = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (String arg : args) {
            if (arg.matches("\\d+")) {
                numbers.add(Integer.parseInt(arg));
            }
            else {
                sources.add(arg);
            }
        }
        int sessions = numbers.isEmpty() ? 1_000 : numbers.get(0);
        int peers = (numbers.size() < 2) ? 100 : numbers.get(1);
        for (String source : sources) {
            String label = source.contains("=") ? source.substring(0, source.indexOf('=')) : source;
            try (Source opened = Source.open(source)) {
                opened.fill(sessions / 10, peers, "warmup");
                time(opened.storage, "warm-up " + label, sessions / 10, peers, opened.rawFill != null);
                clear(opened.storage, sessions / 10, "warmup");
                long filling = System.nanoTime();
                opened.fill(sessions, peers, "copy");
                long filled = System.nanoTime() - filling;
                System.out.printf("%s: filled %d sessions x %d peers in %d ms%s%n", label, sessions, peers, Duration.ofNanos(filled).toMillis(),
                        (opened.rawFill != null) ? " (raw driver insertMany, see MongoRawFill)" : "");
                if (opened.rawFill != null) {
                    MongoRawFill.checkReads(opened.storage, sessions, peers, "copy");
                    System.out.printf("%s: read back through the store: sessions, user ids, update states, loadPeer and loadPeerByUsername ok%n", label);
                }
                time(opened.storage, label, sessions, peers, opened.rawFill != null);
                if (opened.rawFill == null) {
                    clear(opened.storage, sessions, "copy");
                }
                // else the private mongo-java-server is discarded on close; deleting 1,000 sessions one
                // by one would scan the peers collection a thousand times again
            }
        }
    }

    /**
     * @param exact whether the counts must equal what was filled (the raw-filled MongoDB source:
     * proof that the store reads all of it), not only reach it
     */
    private static void time(Storage source, String label, int sessions, int peers, boolean exact) {
        try (Storage target = Storages.memory("copy-target")) {
            long start = System.nanoTime();
            StorageCopy.Counts counts = StorageCopy.copy(source, target);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            boolean tooFew = counts.sessions() < sessions || counts.peers() < (long) sessions * peers;
            boolean notExactly = counts.sessions() != sessions || counts.peers() != (long) sessions * peers || counts.updateStates() != sessions;
            if (tooFew || (exact && notExactly)) {
                throw new IllegalStateException(label + ": copied " + counts + ", expected " + sessions + " sessions of " + peers + " peers");
            }
            System.out.printf("%s: copied %s in %d ms (%.0f peers/s)%n", label, counts, millis, counts.peers() * 1000.0 / Math.max(1, millis));
        }
    }

    static final int UPDATE_STATE_DC = 2;

    static final byte[] UPDATE_STATE = { 1, 2, 3, 4 };

    static Session session(String name) {
        return Session.builder(name).dcId(2).serverAddress("149.154.167.51").port(443).authKey(new byte[256]).build();
    }

    static long userId(int session) {
        return 1_000_000L + session;
    }

    /** The peers of every session: ids 1..count, a username on every second one. */
    static List<Peer> peers(int count) {
        List<Peer> batch = new ArrayList<>(count);
        for (int p = 1; p <= count; p++) {
            batch.add(Peer.builder(p, PeerType.USER).accessHash(p * 31L).username((p % 2 == 0) ? "user_" + p : null)
                .firstName("First " + p).lastName("Last").lastUpdated(1_700_000_000_000L).build());
        }
        return batch;
    }

    private static void fill(Storage root, int sessions, int peers, String kind) {
        for (int s = 0; s < sessions; s++) {
            String name = kind + "-" + s;
            fillSession(root.forSession(name), name, s, peers);
        }
    }

    static void fillSession(Storage storage, String name, int s, int peers) {
        storage.saveSession(session(name));
        storage.setUserId(userId(s));
        storage.setUpdateState(UPDATE_STATE_DC, UPDATE_STATE);
        storage.savePeers(peers(peers));
    }

    private static void clear(Storage root, int sessions, String kind) {
        for (int s = 0; s < sessions; s++) {
            root.deleteSession(kind + "-" + s);
        }
    }

    /** A source backend and what to close after it. */
    private record Source(Storage storage, AutoCloseable resources, MongoRawFill rawFill) implements AutoCloseable {

        Source(Storage storage, AutoCloseable resources) {
            this(storage, resources, null);
        }

        /** Through the store's savePeers, but for MongoDB: see {@link MongoRawFill}. */
        void fill(int sessions, int peers, String kind) {
            if (this.rawFill != null) {
                this.rawFill.fill(sessions, peers, kind);
            }
            else {
                CopyBenchmark.fill(this.storage, sessions, peers, kind);
            }
        }

        static Source open(String spec) throws Exception {
            if (spec.startsWith("redis-cluster=")) {
                List<String> nodes = Arrays.asList(spec.substring("redis-cluster=".length()).split(","));
                LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                    .clientOptions(ClusterClientOptions.builder()
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
                        .build())
                    .build();
                LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes), client);
                factory.afterPropertiesSet();
                factory.start();
                return new Source(RedisStorage.builder(factory).keyPrefix("mtgo-copybench").sessionName("copy-root").build(), factory::destroy);
            }
            if (spec.equals("postgres")) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=mtgo_copybench");
                config.setUsername("postgres");
                config.setMaximumPoolSize(4);
                HikariDataSource dataSource = new HikariDataSource(config);
                execute(dataSource, "CREATE SCHEMA IF NOT EXISTS mtgo_copybench");
                return new Source(Storages.adapt(dataSource, "copy-root"), () -> {
                    execute(dataSource, "DROP SCHEMA mtgo_copybench CASCADE");
                    dataSource.close();
                });
            }
            if (spec.equals("mongodb")) {
                MongoServer server = new MongoServer(new MemoryBackend());
                var address = server.bind();
                MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
                Storage storage = Storages.adapt(new MongoTemplate(client, "copybench"), "copy-root");
                MongoRawFill rawFill = new MongoRawFill(client.getDatabase("copybench"));
                AutoCloseable resources = () -> {
                    client.close();
                    server.shutdownNow();
                };
                try {
                    rawFill.checkLayout(storage, 100);
                }
                catch (RuntimeException ex) {
                    resources.close(); // else the server's threads keep the JVM running
                    throw ex;
                }
                return new Source(storage, resources, rawFill);
            }
            throw new IllegalArgumentException("Unknown source '" + spec + "': redis-cluster=host:port,..., postgres or mongodb");
        }

        private static void execute(HikariDataSource dataSource, String sql) throws Exception {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws Exception {
            this.storage.close();
            this.resources.close();
        }

    }

}
