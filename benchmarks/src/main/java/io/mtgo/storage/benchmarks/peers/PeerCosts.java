package io.mtgo.storage.benchmarks.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the store's peer operations cost, split: the store's call against the same SQL run by hand
 * on one connection held for the whole run (statements prepared once), which is what SQLite itself
 * costs, and against only the upsert (what Telethon and mtcute send: one statement per peer, no
 * username to free). Same file, same data as the peer benchmark, alternating rounds.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.peers.PeerCosts <data dir> <work dir> [url parameters] [rounds] [seconds]}
 * with the data {@code bench.py} generates (e.g. {@code benchmarks/target/peers}).
 */
public final class PeerCosts {

    private static final String SESSION = "bench";

    /** The store's number for {@link #SESSION} (changeset 6), looked up once the store has filled the table. */
    private static long sessionNumber;

    private static final String UPSERT = """
            INSERT INTO mtgo_peers (session_number, peer_id, peer_type, access_hash, username, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_number, peer_type, peer_id) DO UPDATE SET access_hash = excluded.access_hash,
                username = excluded.username, usernames = excluded.usernames,
                first_name = excluded.first_name, last_name = excluded.last_name, phone = excluded.phone, bot = excluded.bot,
                photo_id = excluded.photo_id, lang = excluded.lang, last_updated_ms = excluded.last_updated_ms,
                min_peer = excluded.min_peer
            """;

    private static final String FREE_USERNAME = """
            UPDATE mtgo_peers
            SET username = NULL
            WHERE session_number = ? AND username_key = ? AND NOT (peer_type = ? AND peer_id = ?)
            """;

    /** The store's statement for a known peer that keeps its username (SQLite), by hand. */
    private static final String UPDATE_IN_PLACE = """
            UPDATE mtgo_peers
            SET access_hash = ?, usernames = ?, first_name = ?, last_name = ?, phone = ?, bot = ?, photo_id = ?, lang = ?,
                last_updated_ms = ?, min_peer = ?
            WHERE session_number = ? AND peer_type = ? AND peer_id = ? AND username IS ?
            """;

    private static final String LOAD = """
            SELECT peer_id, peer_type, access_hash, username, usernames, first_name, last_name, phone, bot, photo_id, lang,
            last_updated_ms, min_peer
            FROM mtgo_peers
            WHERE session_number = ? AND peer_type = ? AND peer_id = ?
            """;

    private PeerCosts() {
    }

    public static void main(String[] args) throws Exception {
        PeerWorker.PeerData data = PeerWorker.PeerData.read(Path.of(args[0]));
        Path file = Path.of(args[1]).resolve("costs.db");
        String parameters = (args.length > 2) ? args[2] : "journal_mode=WAL&synchronous=NORMAL";
        int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 5;
        double seconds = (args.length > 4) ? Double.parseDouble(args[4]) : 1.0;
        Files.deleteIfExists(file);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file + "?" + parameters);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcSchema.apply(dataSource);
            Storage storage = JdbcStorage.builder(dataSource).sessionName(SESSION).build();
            List<Peer> peers = data.peers();
            storage.savePeers(peers);
            sessionNumber = new JdbcTemplate(dataSource).queryForObject(
                    "SELECT session_number FROM mtgo_session_numbers WHERE session_name = ?", Long.class, SESSION);
            // Held for the whole run: the hand-written side never goes back to the pool.
            Connection held = dataSource.getConnection();
            PreparedStatement upsert = held.prepareStatement(UPSERT);
            PreparedStatement free = held.prepareStatement(FREE_USERNAME);
            PreparedStatement load = held.prepareStatement(LOAD);
            PreparedStatement updateInPlace = held.prepareStatement(UPDATE_IN_PLACE);
            int[] cursor = new int[1];
            List<Peer> scattered = inIdOrder(peers, data.idOrder());
            int[] scatteredCursor = new int[1];
            Map<String, Op> ops = new LinkedHashMap<>();
            ops.put("savePeer (store)", () -> {
                storage.savePeer(next(peers, cursor));
                return 1;
            });
            ops.put("savePeer SQL by hand: transaction, free username, upsert", () -> {
                Peer peer = next(peers, cursor);
                held.setAutoCommit(false);
                if (peer.username() != null) {
                    bindFree(free, peer);
                    free.executeUpdate();
                }
                bindPeer(upsert, peer);
                upsert.executeUpdate();
                held.commit();
                held.setAutoCommit(true);
                return 1;
            });
            ops.put("one upsert in auto-commit (what Telethon and mtcute send)", () -> {
                bindPeer(upsert, next(peers, cursor));
                upsert.executeUpdate();
                return 1;
            });
            ops.put("savePeers(100) (store)", () -> {
                storage.savePeers(next100(peers, cursor));
                return 100;
            });
            ops.put("savePeers(100) SQL by hand: transaction, free batch, upsert batch", () -> {
                List<Peer> batch = next100(peers, cursor);
                held.setAutoCommit(false);
                for (Peer peer : batch) {
                    if (peer.username() != null) {
                        bindFree(free, peer);
                        free.addBatch();
                    }
                }
                free.executeBatch();
                for (Peer peer : batch) {
                    bindPeer(upsert, peer);
                    upsert.addBatch();
                }
                upsert.executeBatch();
                held.commit();
                held.setAutoCommit(true);
                return 100;
            });
            ops.put("100 upserts in one transaction (what Telethon and mtcute send)", () -> {
                held.setAutoCommit(false);
                for (int i = 0; i < 100; i++) {
                    bindPeer(upsert, next(peers, cursor));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                held.commit();
                held.setAutoCommit(true);
                return 100;
            });
            ops.put("savePeers(100) in other groups than first saved (store)", () -> {
                storage.savePeers(next100(scattered, scatteredCursor));
                return 100;
            });
            ops.put("savePeers(100) other groups, SQL by hand: transaction, UPDATE in place", () -> {
                List<Peer> batch = next100(scattered, scatteredCursor);
                long now = System.currentTimeMillis();
                held.setAutoCommit(false);
                for (Peer peer : batch) {
                    bindInPlace(updateInPlace, peer, now);
                    updateInPlace.addBatch();
                }
                for (int changed : updateInPlace.executeBatch()) {
                    if (changed != 1) {
                        throw new IllegalStateException("a known peer was not updated in place");
                    }
                }
                held.commit();
                held.setAutoCommit(true);
                return 100;
            });
            ops.put("loadPeer (store)", () -> {
                if (storage.loadPeer(data.idOrder()[cursor[0]++ % data.idOrder().length]).isEmpty()) {
                    throw new IllegalStateException();
                }
                return 1;
            });
            ops.put("loadPeer SQL by hand, statement reused, the 13 columns the store reads", () -> {
                Peer peer = next(peers, cursor);
                load.setLong(1, sessionNumber);
                load.setInt(2, typeNumber(peer.type()));
                load.setLong(3, peer.id());
                try (ResultSet row = load.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException();
                    }
                    for (int column = 1; column <= 13; column++) {
                        row.getObject(column);
                    }
                }
                return 1;
            });
            ops.put("loadPeerByUsername (store)", () -> {
                if (storage.loadPeerByUsername(data.usernameOrder().get(cursor[0]++ % data.usernameOrder().size())).isEmpty()) {
                    throw new IllegalStateException();
                }
                return 1;
            });
            // -Donly=<prefix>: loop the operations whose name starts with it (for a profiler), nothing else.
            String only = System.getProperty("only");
            if (only != null) {
                ops.keySet().removeIf(name -> !name.startsWith(only));
            }
            Map<String, List<double[]>> micros = new LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Op> op : ops.entrySet()) {
                    double[] perItem = time(op.getValue(), seconds);
                    if (round > 0) {
                        micros.computeIfAbsent(op.getKey(), k -> new ArrayList<>()).add(perItem);
                    }
                }
            }
            System.out.println("url parameters: " + parameters + "; " + rounds + " rounds of " + seconds
                    + " s after one warm-up round; wall time and this thread's CPU time (user + system) per peer, medians");
            for (Map.Entry<String, List<double[]>> entry : micros.entrySet()) {
                System.out.printf(Locale.ROOT, "%-70s %8.1f us wall %8.1f us CPU (wall of each round: %s)%n", entry.getKey(),
                        median(entry.getValue(), 0), median(entry.getValue(), 1),
                        entry.getValue().stream().map(v -> String.format(Locale.ROOT, "%.1f", v[0])).toList());
            }
            held.close();
            storage.close();
        }
    }

    /** The peers in the order of the reads by id: batches of them are not the groups first saved. */
    private static List<Peer> inIdOrder(List<Peer> peers, long[] idOrder) {
        Map<Long, Peer> byMarkedId = new HashMap<>();
        peers.forEach(peer -> byMarkedId.put(peer.markedId(), peer));
        List<Peer> ordered = new ArrayList<>(idOrder.length);
        for (long markedId : idOrder) {
            ordered.add(byMarkedId.get(markedId));
        }
        return ordered;
    }

    private static List<Peer> next100(List<Peer> peers, int[] cursor) {
        List<Peer> batch = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            batch.add(next(peers, cursor));
        }
        return batch;
    }

    private static Peer next(List<Peer> peers, int[] cursor) {
        return peers.get(cursor[0]++ % peers.size());
    }

    /** @return wall and CPU microseconds per peer */
    private static double[] time(Op op, double seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long items = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            items += op.run();
            elapsed = System.nanoTime() - start;
        }
        while (elapsed < budget);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new double[] { elapsed / 1e3 / items, cpu / 1e3 / items };
    }

    private static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(v -> v[index]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** As the store's changeset 6 numbers types. */
    private static int typeNumber(PeerType type) {
        return switch (type) {
            case USER -> 0;
            case CHAT -> 1;
            case CHANNEL -> 2;
        };
    }

    private static void bindFree(PreparedStatement statement, Peer peer) throws SQLException {
        statement.setLong(1, sessionNumber);
        statement.setString(2, peer.username().toLowerCase(Locale.ROOT));
        statement.setInt(3, typeNumber(peer.type()));
        statement.setLong(4, peer.id());
    }

    private static void bindPeer(PreparedStatement statement, Peer peer) throws SQLException {
        statement.setLong(1, sessionNumber);
        statement.setLong(2, peer.id());
        statement.setInt(3, typeNumber(peer.type()));
        statement.setLong(4, peer.accessHash());
        statement.setString(5, peer.username());
        statement.setString(6, null);
        statement.setString(7, peer.firstName());
        statement.setString(8, peer.lastName());
        statement.setString(9, peer.phoneNumber());
        statement.setBoolean(10, peer.bot());
        statement.setLong(11, peer.photoId());
        statement.setString(12, peer.language());
        statement.setLong(13, System.currentTimeMillis());
        statement.setBoolean(14, peer.min());
    }

    private static void bindInPlace(PreparedStatement statement, Peer peer, long now) throws SQLException {
        statement.setLong(1, peer.accessHash());
        statement.setString(2, null);
        statement.setString(3, peer.firstName());
        statement.setString(4, peer.lastName());
        statement.setString(5, peer.phoneNumber());
        statement.setBoolean(6, peer.bot());
        statement.setLong(7, peer.photoId());
        statement.setString(8, peer.language());
        statement.setLong(9, now);
        statement.setBoolean(10, false);
        statement.setLong(11, sessionNumber);
        statement.setInt(12, typeNumber(peer.type()));
        statement.setLong(13, peer.id());
        statement.setString(14, peer.username());
    }

    @FunctionalInterface
    private interface Op {

        /** @return how many peers it handled */
        int run() throws Exception;

    }

}
