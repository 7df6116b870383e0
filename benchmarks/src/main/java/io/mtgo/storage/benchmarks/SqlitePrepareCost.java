package io.mtgo.storage.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What a per-connection statement cache would save on SQLite: the xerial driver compiles the SQL
 * again ({@code sqlite3_prepare_v2}) for every {@code prepareStatement}, where pgjdbc, MariaDB's
 * driver and H2 keep a per-connection cache. Times the store's hottest read (a peer by key, the
 * text the store sends) and its hottest write (a peer upsert) on one connection, prepared per call
 * against one statement reused, in alternating rounds so both see the same machine load.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.SqlitePrepareCost [calls]}
 */
public final class SqlitePrepareCost {

    private static final String LOAD_PEER = """
            SELECT session_name, peer_id, peer_type, access_hash, username, username_key, usernames, first_name, last_name, phone, bot,
            photo_id, lang, last_updated_ms, min_peer
            FROM mtgo_peers
            WHERE session_name = ? AND peer_type = ? AND peer_id = ?
            """;

    private static final String UPSERT_PEER = """
            INSERT INTO mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_name, peer_type, peer_id) DO UPDATE SET access_hash = excluded.access_hash,
                username = excluded.username, username_key = excluded.username_key, usernames = excluded.usernames,
                first_name = excluded.first_name, last_name = excluded.last_name, phone = excluded.phone, bot = excluded.bot,
                photo_id = excluded.photo_id, lang = excluded.lang, last_updated_ms = excluded.last_updated_ms,
                min_peer = excluded.min_peer
            """;

    private static final int PEERS = 10_000;

    private SqlitePrepareCost() {
    }

    public static void main(String[] args) throws Exception {
        int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("mtgo-sqlite-prepare");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("p.db") + "?journal_mode=WAL")) {
            createAndFill(connection);
            for (int round = 1; round <= 3; round++) {
                double perCall = readsPreparingEachTime(connection, calls);
                double reused = readsReusingOne(connection, calls);
                connection.setAutoCommit(false);
                double upsertPerCall = upsertsPreparingEachTime(connection, calls / 10);
                double upsertReused = upsertsReusingOne(connection, calls / 10);
                connection.commit();
                connection.setAutoCommit(true);
                System.out.printf(Locale.ROOT,
                        "round %d: loadPeer %.2f us prepared per call, %.2f us reused (%.2fx); upsert in a transaction %.2f us vs %.2f us (%.2fx)%n",
                        round, perCall, reused, perCall / reused, upsertPerCall, upsertReused, upsertPerCall / upsertReused);
            }
        }
        finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void createAndFill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE mtgo_peers (session_name VARCHAR(128) NOT NULL, peer_id BIGINT NOT NULL, peer_type VARCHAR(16) NOT NULL,
                        access_hash BIGINT NOT NULL, username VARCHAR(32), username_key VARCHAR(32), usernames VARCHAR(2200),
                        first_name VARCHAR(255), last_name VARCHAR(255), phone VARCHAR(32), bot BOOLEAN NOT NULL, photo_id BIGINT NOT NULL,
                        lang VARCHAR(16), last_updated_ms BIGINT NOT NULL, min_peer BOOLEAN NOT NULL,
                        CONSTRAINT mtgo_peers_pk PRIMARY KEY (session_name, peer_type, peer_id))""");
            statement.execute("CREATE UNIQUE INDEX mtgo_peers_username_uk ON mtgo_peers (session_name, username_key)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_PEER)) {
            for (int i = 0; i < PEERS; i++) {
                bindUpsert(upsert, i);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static double readsPreparingEachTime(Connection connection, int calls) throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try (PreparedStatement statement = connection.prepareStatement(LOAD_PEER)) {
                read(statement, i);
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    private static double readsReusingOne(Connection connection, int calls) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(LOAD_PEER)) {
            for (int i = 0; i < calls; i++) {
                read(statement, i);
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    private static double upsertsPreparingEachTime(Connection connection, int calls) throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_PEER)) {
                bindUpsert(statement, i % PEERS);
                statement.executeUpdate();
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    private static double upsertsReusingOne(Connection connection, int calls) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_PEER)) {
            for (int i = 0; i < calls; i++) {
                bindUpsert(statement, i % PEERS);
                statement.executeUpdate();
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    private static void read(PreparedStatement statement, int i) throws SQLException {
        statement.setString(1, "bench");
        statement.setString(2, "USER");
        statement.setLong(3, i % PEERS);
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("peer " + (i % PEERS) + " missing");
            }
        }
    }

    private static void bindUpsert(PreparedStatement statement, int i) throws SQLException {
        statement.setString(1, "bench");
        statement.setLong(2, i);
        statement.setString(3, "USER");
        statement.setLong(4, i);
        statement.setString(5, "user_" + i);
        statement.setString(6, "user_" + i);
        statement.setString(7, null);
        statement.setString(8, "First " + i);
        statement.setString(9, null);
        statement.setString(10, null);
        statement.setBoolean(11, false);
        statement.setLong(12, 0);
        statement.setString(13, null);
        statement.setLong(14, 1);
        statement.setBoolean(15, false);
    }

}
