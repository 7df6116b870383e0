package io.mtgo.storage.benchmarks.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.JdbcSchema;
import io.mtgo.storage.jdbc.JdbcStorage;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * This library's side of the peer benchmark ({@code benchmarks/peers/bench.py} drives it, with
 * Telethon's and mtcute's workers, over stdin/stdout): the JDBC store on one SQLite file in WAL
 * mode per durability setting, through a Hikari pool of one connection, as {@code docs/jdbc.md}
 * tells an application to configure SQLite.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.peers.PeerWorker <data dir> <work dir> <set>...}
 * where each set is {@code name=url-parameters} (e.g. {@code default=journal_mode=WAL&busy_timeout=10000&open_mode=32774}). It opens
 * and fills one store per set, prints {@code ready <json>}, then answers each
 * {@code run <set> <workload> <seconds>} line with one JSON line; {@code quit} ends it.
 */
public final class PeerWorker {

    private static final String SESSION = "bench";

    private final List<Peer> peers;

    /** The peers in the order of the reads by id: batches in other groups than they were first saved in. */
    private final List<Peer> scattered = new ArrayList<>();

    /** Marked ids, in the order the reads by id visit them. */
    private final long[] idOrder;

    /** Usernames to look up (the stored ones with their case swapped), in order. */
    private final List<String> usernameOrder;

    private final Map<String, Target> targets = new LinkedHashMap<>();

    private PeerWorker(List<Peer> peers, long[] idOrder, List<String> usernameOrder) {
        this.peers = peers;
        Map<Long, Peer> byMarkedId = new HashMap<>();
        peers.forEach(peer -> byMarkedId.put(peer.markedId(), peer));
        for (long markedId : idOrder) {
            this.scattered.add(byMarkedId.get(markedId));
        }
        this.idOrder = idOrder;
        this.usernameOrder = usernameOrder;
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        PeerData loaded = PeerData.read(data);
        PeerWorker worker = new PeerWorker(loaded.peers(), loaded.idOrder(), loaded.usernameOrder());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StringBuilder info = new StringBuilder("{");
        for (int i = 2; i < args.length; i++) {
            String[] set = args[i].split("=", 2);
            Target target = worker.open(work.resolve("ours-" + set[0] + ".db"), set[1]);
            worker.targets.put(set[0], target);
            info.append(i > 2 ? ", " : "").append('"').append(set[0]).append("\": \"").append(target.describe()).append('"');
        }
        out.println("ready " + info.append('}'));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] command = line.trim().split(" ");
            Target target = worker.targets.get(command[1]);
            out.println(worker.run(target, command[2], Double.parseDouble(command[3])));
        }
        for (Target target : worker.targets.values()) {
            target.close();
        }
    }

    private Target open(Path file, String urlParameters) throws IOException {
        Files.deleteIfExists(file);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file + "?" + urlParameters);
        config.setPoolName("peers-" + file.getFileName());
        config.setMaximumPoolSize(1); // as docs/jdbc.md advises for SQLite: one writer at a time anyway
        HikariDataSource dataSource = new HikariDataSource(config);
        JdbcSchema.apply(dataSource);
        Storage storage = JdbcStorage.builder(dataSource).sessionName(SESSION).build();
        storage.savePeers(this.peers);
        return new Target(dataSource, storage);
    }

    /** The 100 peers from {@code cursor} on, wrapping around. */
    private static List<Peer> next100(List<Peer> order, int cursor) {
        List<Peer> batch = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            batch.add(order.get((cursor + i) % order.size()));
        }
        return batch;
    }

    private String run(Target target, String workload, double seconds) {
        long budget = (long) (seconds * 1e9);
        Storage storage = target.storage;
        long ops = 0;
        long items = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            switch (workload) {
                case "batch" -> {
                    storage.savePeers(next100(this.peers, target.batchCursor));
                    target.batchCursor = (target.batchCursor + 100) % this.peers.size();
                    items += 100;
                }
                case "scattered" -> {
                    storage.savePeers(next100(this.scattered, target.scatteredCursor));
                    target.scatteredCursor = (target.scatteredCursor + 100) % this.scattered.size();
                    items += 100;
                }
                case "id" -> {
                    long markedId = this.idOrder[target.idCursor];
                    target.idCursor = (target.idCursor + 1) % this.idOrder.length;
                    if (storage.loadPeer(markedId).isEmpty()) {
                        throw new IllegalStateException("peer " + markedId + " not found");
                    }
                    items++;
                }
                case "username" -> {
                    String username = this.usernameOrder.get(target.usernameCursor);
                    target.usernameCursor = (target.usernameCursor + 1) % this.usernameOrder.size();
                    if (storage.loadPeerByUsername(username).isEmpty()) {
                        throw new IllegalStateException("username " + username + " not found");
                    }
                    items++;
                }
                case "single" -> {
                    storage.savePeer(this.peers.get(target.singleCursor));
                    target.singleCursor = (target.singleCursor + 1) % this.peers.size();
                    items++;
                }
                default -> throw new IllegalArgumentException(workload);
            }
            ops++;
            elapsed = System.nanoTime() - start;
        }
        while (elapsed < budget);
        return String.format(Locale.ROOT, "{\"ops\": %d, \"items\": %d, \"seconds\": %.6f}", ops, items, elapsed / 1e9);
    }

    /** One store, its pool and where each workload has got to in the data. */
    private static final class Target {

        private final HikariDataSource dataSource;

        private final Storage storage;

        private int batchCursor;

        private int scatteredCursor;

        private int idCursor;

        private int usernameCursor;

        private int singleCursor;

        Target(HikariDataSource dataSource, Storage storage) {
            this.dataSource = dataSource;
            this.storage = storage;
        }

        /** What SQLite says it runs with, read on a connection of the pool. */
        String describe() {
            try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
                boolean noMutex = (connection.unwrap(SQLiteConnection.class).getDatabase().getConfig().getOpenModeFlags()
                        & SQLiteOpenMode.NOMUTEX.flag) != 0;
                return "journal_mode=" + pragma(statement, "journal_mode") + " synchronous=" + pragma(statement, "synchronous")
                        + (noMutex ? " multi-thread mode (NOMUTEX)" : " serialized mode") + " sqlite "
                        + connection.getMetaData().getDatabaseProductVersion() + ", sqlite-jdbc " + connection.getMetaData().getDriverVersion();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        private static String pragma(Statement statement, String name) throws Exception {
            try (ResultSet row = statement.executeQuery("PRAGMA " + name)) {
                row.next();
                return row.getString(1);
            }
        }

        void close() {
            this.storage.close();
            this.dataSource.close();
        }

    }

    /** The generated data, as {@code bench.py} wrote it for all three workers. */
    record PeerData(List<Peer> peers, long[] idOrder, List<String> usernameOrder) {

        static PeerData read(Path dir) throws IOException {
            List<Peer> peers = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("peers.tsv"), StandardCharsets.UTF_8)) {
                // type, id, marked id, access hash, username, first name (or title), last name, phone, bot
                String[] f = line.split("\t", -1);
                Peer.Builder peer = Peer.builder(Long.parseLong(f[1]), PeerType.valueOf(f[0].toUpperCase(Locale.ROOT)))
                    .accessHash(Long.parseLong(f[3]))
                    .firstName(f[5])
                    .bot(f[8].equals("1"));
                if (!f[4].isEmpty()) {
                    peer.username(f[4]);
                }
                if (!f[6].isEmpty()) {
                    peer.lastName(f[6]);
                }
                if (!f[7].isEmpty()) {
                    peer.phoneNumber(f[7]);
                }
                peers.add(peer.build());
            }
            long[] idOrder = Files.readAllLines(dir.resolve("order-id.txt")).stream().mapToLong(Long::parseLong).toArray();
            List<String> usernames = Files.readAllLines(dir.resolve("order-username.txt"), StandardCharsets.UTF_8);
            return new PeerData(peers, idOrder, usernames);
        }

    }

}
