package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.JdbcSchema;
import io.mtgo.storage.jdbc.JdbcStorage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Grows {@code mtgo_peers} on PostgreSQL from empty to 100,000 peers and times, at every size, a
 * {@code savePeers} of new peers, a second {@code savePeers} of the same peers (every username
 * already held: the statement that frees usernames finds rows), and single
 * {@code loadPeer}/{@code loadPeerByUsername} calls, and counts the sequential scans of the table
 * the server made meanwhile. A statement whose cached generic plan was made while the table was
 * small keeps scanning the whole table as it grows: that shows as per-call times rising with the
 * size, and as sequential scans, where index lookups stay flat.
 * <p>
 * Built to make such a plan if the store allowed one: the sizes grow from a handful of peers
 * (10, 30, 100, 300, 1,000, 3,000, 10,000, then 10,000 at a time), so every statement runs often
 * while the table is a few pages; the table is analysed while it is small (after every step up to
 * 1,000 peers, as autovacuum would) and then never again, with autovacuum off for it, so nothing
 * invalidates a plan once made; and the pool has one connection, so the same server-side prepared
 * statements serve every step (pgjdbc prepares server-side after five executions; PostgreSQL
 * switches to a generic plan after five more).
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.PostgresPeerTableGrowth [url] [total]}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}, 100000). Works in its own schema,
 * {@value #SCHEMA}, dropped at the end.
 */
public final class PostgresPeerTableGrowth {

    private static final String SCHEMA = "mtgo_bench_growth";

    private static final int LOOKUPS = 2_000;

    private PostgresPeerTableGrowth() {
    }

    public static void main(String[] args) {
        String url = (args.length > 0) ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
        int total = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
        try (HikariDataSource admin = pool(url, 1)) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + SCHEMA);
        }
        try (HikariDataSource admin = pool(url, 1); HikariDataSource dataSource = pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, 1)) {
            JdbcSchema.apply(dataSource);
            new JdbcTemplate(dataSource).execute("ALTER TABLE mtgo_peers SET (autovacuum_enabled = false)");
            new JdbcTemplate(dataSource).execute("ANALYZE mtgo_peers");
            Storage storage = JdbcStorage.builder(dataSource).sessionName("growth").schema(SCHEMA).build();
            JdbcTemplate stats = new JdbcTemplate(admin);
            System.out.println("| peers before | savePeers new, us/peer | savePeers again, us/peer | loadPeer, us | loadPeerByUsername, us"
                    + " | sequential scans of mtgo_peers in the step |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            for (int size = 0; size < total;) {
                int step = Math.min(nextSize(size), total) - size;
                long seqScansBefore = sequentialScans(stats);
                List<Peer> batch = batch(size, step);
                double saveNew = microsPer(step, () -> storage.savePeers(batch));
                double saveAgain = microsPer(step, () -> storage.savePeers(batch));
                int known = size + step;
                double load = microsPer(LOOKUPS, () -> {
                    for (int i = 0; i < LOOKUPS; i++) {
                        require(storage.loadPeer(PeerType.USER, id((i * 7919) % known)).isPresent());
                    }
                });
                double byUsername = microsPer(LOOKUPS, () -> {
                    for (int i = 0; i < LOOKUPS; i++) {
                        require(storage.loadPeerByUsername(username((i * 7919) % known)).isPresent());
                    }
                });
                long seqScans = sequentialScans(stats) - seqScansBefore;
                System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.1f | %,d |%n", size, saveNew, saveAgain, load, byUsername,
                        seqScans);
                size += step;
                if (size <= 1_000) {
                    new JdbcTemplate(dataSource).execute("ANALYZE mtgo_peers");
                }
            }
            storage.deleteSession("growth");
        }
        finally {
            try (HikariDataSource admin = pool(url, 1)) {
                new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    /** 10, 30, 100, 300, 1,000, 3,000, 10,000, then 10,000 more at a time. */
    private static int nextSize(int size) {
        if (size >= 10_000) {
            return size + 10_000;
        }
        int next = 10;
        while (next <= size) {
            next = (Integer.toString(next).charAt(0) == '1') ? next * 3 : next / 3 * 10;
        }
        return next;
    }

    /**
     * The server's count of sequential scans of the table, read from another connection once the
     * storage's connection has reported its statistics (at most a second after it went idle).
     */
    private static long sequentialScans(JdbcTemplate stats) {
        try {
            Thread.sleep(1_500);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Long count = stats.queryForObject("SELECT seq_scan FROM pg_stat_user_tables WHERE schemaname = ? AND relname = 'mtgo_peers'",
                Long.class, SCHEMA);
        return (count != null) ? count : 0;
    }

    private static List<Peer> batch(int from, int count) {
        List<Peer> peers = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            peers.add(Peer.builder(id(i), PeerType.USER).accessHash(i).username(username(i)).firstName("Peer " + i).lastUpdated(1).build());
        }
        return peers;
    }

    private static long id(int i) {
        return 1_000_000L + i;
    }

    private static String username(int i) {
        return "growth_" + i;
    }

    private static double microsPer(int operations, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000.0 / operations;
    }

    private static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("A saved peer was not found");
        }
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

}
