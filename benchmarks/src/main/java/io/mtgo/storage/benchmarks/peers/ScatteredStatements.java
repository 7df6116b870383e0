package io.mtgo.storage.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why batches in other groups than first saved (the peer benchmark's "scattered" row) cost this
 * library more than Telethon: the statements alone, run by hand through sqlite-jdbc with no store
 * around them, on tables filled with the peer benchmark's data. Each table shape re-saves the same
 * batches of 100 peers in the order of the reads by id, one transaction each, in interleaved rounds;
 * then 20 batches with checkpoints off show how many WAL frames a batch writes.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.peers.ScatteredStatements <data dir> <work dir> [url parameters] [rounds]}
 * with the data {@code bench.py} generates ({@code benchmarks/target/peers/data}); a work dir on tmpfs
 * leaves SQLite's own work. {@code -Dshapes=0,1} runs only the shapes of those positions in the list
 * below (e.g. one at a time under a profiler); {@code -DpageSize=1024} creates every file with that
 * page size (a URL parameter cannot: the files are in WAL mode before it would apply).
 */
public final class ScatteredStatements {

    /** A row of {@code peers.tsv}: type, id, marked id, access hash, username, first name, last name, phone, bot. */
    private record Row(String[] f) {

        long id() {
            return Long.parseLong(this.f[1]);
        }

        long markedId() {
            return Long.parseLong(this.f[2]);
        }

        long accessHash() {
            return Long.parseLong(this.f[3]);
        }

        String username() {
            return this.f[4].isEmpty() ? null : this.f[4];
        }

        String usernameKey() {
            return this.f[4].isEmpty() ? null : this.f[4].toLowerCase(Locale.ROOT);
        }

        String type() {
            return this.f[0].toUpperCase(Locale.ROOT);
        }

        String lastName() {
            return this.f[6].isEmpty() ? null : this.f[6];
        }

        String phone() {
            return this.f[7].isEmpty() ? null : this.f[7];
        }

    }

    /** A table shape: its DDL, how it is filled, and the statement that re-saves a known peer. */
    private interface Shape {

        List<String> ddl();

        String insert();

        void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException;

        String resave();

        void bindResave(PreparedStatement statement, Row row, long now) throws SQLException;

    }

    private static final String OURS_TABLE = """
            CREATE TABLE mtgo_peers (session_name VARCHAR(128) NOT NULL, peer_id BIGINT NOT NULL, peer_type %s NOT NULL,
                access_hash BIGINT NOT NULL, username VARCHAR(32), username_key VARCHAR(32), usernames VARCHAR(2200),
                first_name VARCHAR(255), last_name VARCHAR(255), phone VARCHAR(32), bot BOOLEAN NOT NULL, photo_id BIGINT NOT NULL,
                lang VARCHAR(16), last_updated_ms BIGINT NOT NULL, min_peer BOOLEAN NOT NULL, %s)""";

    private static final String OURS_KEY = "CONSTRAINT mtgo_peers_pk PRIMARY KEY (session_name, peer_type, peer_id)";

    private static final String USERNAME_INDEX = """
            CREATE UNIQUE INDEX mtgo_peers_username_uk ON mtgo_peers (session_name, username_key) WHERE username_key IS NOT NULL""";

    /** This library's table as changeset 4 left it on SQLite (username_key stored), and the store's in-place UPDATE then. */
    private static class OurTable implements Shape {

        @Override
        public List<String> ddl() {
            return List.of(OURS_TABLE.formatted("VARCHAR(16)", OURS_KEY), USERNAME_INDEX);
        }

        @Override
        public String insert() {
            return """
                    INSERT INTO mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                        first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, NULL, ?, FALSE)""";
        }

        @Override
        public void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException {
            bindInsert(statement, row, now, true);
        }

        /** The insert's parameters, with or without the username key (a table that generates it). */
        final void bindInsert(PreparedStatement statement, Row row, long now, boolean withUsernameKey) throws SQLException {
            session(statement, 1);
            statement.setLong(2, row.id());
            type(statement, 3, row);
            statement.setLong(4, row.accessHash());
            text(statement, 5, row.username());
            int next = 6;
            if (withUsernameKey) {
                text(statement, next++, row.usernameKey());
            }
            text(statement, next++, row.f[5]);
            text(statement, next++, row.lastName());
            text(statement, next++, row.phone());
            statement.setBoolean(next++, row.f[8].equals("1"));
            statement.setLong(next, now);
        }

        @Override
        public String resave() {
            return """
                    UPDATE mtgo_peers
                    SET access_hash = ?, username = ?, usernames = ?, first_name = ?, last_name = ?, phone = ?, bot = ?, photo_id = ?,
                        lang = ?, last_updated_ms = ?, min_peer = ?
                    WHERE session_name = ? AND peer_type = ? AND peer_id = ? AND username_key IS ?""";
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            bindResave(statement, row, now, true);
        }

        /**
         * The re-save's parameters: with {@code setsUsername} the username is set and the row found by
         * its username key; without, the username is left alone and the row found by the username itself.
         */
        final void bindResave(PreparedStatement statement, Row row, long now, boolean setsUsername) throws SQLException {
            statement.setLong(1, row.accessHash());
            int next = 2;
            if (setsUsername) {
                text(statement, next++, row.username());
            }
            text(statement, next++, null);
            text(statement, next++, row.f[5]);
            text(statement, next++, row.lastName());
            text(statement, next++, row.phone());
            statement.setBoolean(next++, row.f[8].equals("1"));
            statement.setLong(next++, 0);
            text(statement, next++, null);
            statement.setLong(next++, now);
            statement.setBoolean(next++, false);
            session(statement, next++);
            type(statement, next++, row);
            statement.setLong(next++, row.id());
            text(statement, next, setsUsername ? row.usernameKey() : row.username());
        }

        void session(PreparedStatement statement, int index) throws SQLException {
            statement.setString(index, "bench");
        }

        void type(PreparedStatement statement, int index, Row row) throws SQLException {
            statement.setString(index, row.type());
        }

    }

    /** The type stored as a small integer. */
    private static class IntegerType extends OurTable {

        @Override
        public List<String> ddl() {
            return List.of(OURS_TABLE.formatted("INTEGER", OURS_KEY), USERNAME_INDEX);
        }

        @Override
        void type(PreparedStatement statement, int index, Row row) throws SQLException {
            statement.setInt(index, row.type().length());
        }

    }

    /** The session as a number too (a table of session names beside it): the narrowest row that keeps the key. */
    private static final class IntegerSessionAndType extends IntegerType {

        @Override
        public List<String> ddl() {
            return List.of(OURS_TABLE.formatted("INTEGER", OURS_KEY).replace("session_name VARCHAR(128)", "session_name INTEGER"),
                    USERNAME_INDEX);
        }

        @Override
        void session(PreparedStatement statement, int index) throws SQLException {
            statement.setInt(index, 1);
        }

    }

    /** The marked id as the table's integer rowid: one b-tree search instead of the key's index, then the table. */
    private static final class RowidKey extends OurTable {

        @Override
        public List<String> ddl() {
            return List.of(OURS_TABLE.formatted("VARCHAR(16)", "marked_id INTEGER PRIMARY KEY"), USERNAME_INDEX);
        }

        @Override
        public String insert() {
            return super.insert().replace("min_peer)", "min_peer, marked_id)").replace("FALSE)", "FALSE, ?)");
        }

        @Override
        public void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException {
            super.bindInsert(statement, row, now);
            statement.setLong(12, row.markedId());
        }

        @Override
        public String resave() {
            return super.resave().replace("session_name = ? AND peer_type = ? AND peer_id = ?", "marked_id = ? AND session_name = ? AND peer_type = ?");
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            super.bindResave(statement, row, now);
            statement.setLong(12, row.markedId());
            session(statement, 13);
            type(statement, 14, row);
        }

    }

    /** Only the access hash and the timestamp set: what binding and writing fewer columns saves. */
    private static final class TwoColumnsSet extends OurTable {

        @Override
        public String resave() {
            return """
                    UPDATE mtgo_peers SET access_hash = ?, last_updated_ms = ?
                    WHERE session_name = ? AND peer_type = ? AND peer_id = ? AND username_key IS ?""";
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            statement.setLong(1, row.accessHash());
            statement.setLong(2, now);
            session(statement, 3);
            type(statement, 4, row);
            statement.setLong(5, row.id());
            text(statement, 6, row.usernameKey());
        }

    }

    /**
     * The narrowest row that keeps the key and unique usernames: session and type as integers, no
     * username_key column (the unique index is on lower(username)), and a re-save that leaves the
     * username out of its SET when the stored one is the same, so the index is not rewritten.
     */
    private static final class Lean implements Shape {

        @Override
        public List<String> ddl() {
            return List.of("""
                    CREATE TABLE mtgo_peers (session_id INTEGER NOT NULL, peer_id BIGINT NOT NULL, peer_type INTEGER NOT NULL,
                        access_hash BIGINT NOT NULL, username VARCHAR(32), usernames VARCHAR(2200),
                        first_name VARCHAR(255), last_name VARCHAR(255), phone VARCHAR(32), bot BOOLEAN NOT NULL, photo_id BIGINT NOT NULL,
                        lang VARCHAR(16), last_updated_ms BIGINT NOT NULL, min_peer BOOLEAN NOT NULL,
                        CONSTRAINT mtgo_peers_pk PRIMARY KEY (session_id, peer_type, peer_id))""",
                    "CREATE UNIQUE INDEX mtgo_peers_username_uk ON mtgo_peers (session_id, lower(username)) WHERE username IS NOT NULL");
        }

        @Override
        public String insert() {
            return """
                    INSERT INTO mtgo_peers (session_id, peer_id, peer_type, access_hash, username, usernames,
                        first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
                    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, NULL, ?, FALSE)""";
        }

        @Override
        public void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException {
            statement.setInt(1, 1);
            statement.setLong(2, row.id());
            statement.setInt(3, row.type().length());
            statement.setLong(4, row.accessHash());
            text(statement, 5, row.username());
            text(statement, 6, row.f[5]);
            text(statement, 7, row.lastName());
            text(statement, 8, row.phone());
            statement.setBoolean(9, row.f[8].equals("1"));
            statement.setLong(10, now);
        }

        @Override
        public String resave() {
            return """
                    UPDATE mtgo_peers
                    SET access_hash = ?, usernames = ?, first_name = ?, last_name = ?, phone = ?, bot = ?, photo_id = ?,
                        lang = ?, last_updated_ms = ?, min_peer = FALSE
                    WHERE session_id = ? AND peer_type = ? AND peer_id = ? AND username IS ?""";
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            statement.setLong(1, row.accessHash());
            text(statement, 2, null);
            text(statement, 3, row.f[5]);
            text(statement, 4, row.lastName());
            text(statement, 5, row.phone());
            statement.setBoolean(6, row.f[8].equals("1"));
            statement.setLong(7, 0);
            text(statement, 8, null);
            statement.setLong(9, now);
            statement.setInt(10, 1);
            statement.setInt(11, row.type().length());
            statement.setLong(12, row.id());
            text(statement, 13, row.username());
        }

    }

    /** This library's table with the type stored as text or, by choice, as a small integer. */
    private abstract static class TypeChosen extends OurTable {

        private final boolean integerType;

        TypeChosen(boolean integerType) {
            this.integerType = integerType;
        }

        String typeColumn() {
            return this.integerType ? "INTEGER" : "VARCHAR(16)";
        }

        @Override
        void type(PreparedStatement statement, int index, Row row) throws SQLException {
            if (this.integerType) {
                statement.setInt(index, row.type().length());
            }
            else {
                super.type(statement, index, row);
            }
        }

    }

    /**
     * username_key as a virtual generated column (lower(username), not stored in the row) with the
     * unique index on it, a re-save that leaves the username out of its SET and matches it exactly:
     * this library's table since changeset 5 (type as text), and with the type as an integer.
     */
    private static class VirtualUsernameKey extends TypeChosen {

        VirtualUsernameKey(boolean integerType) {
            super(integerType);
        }

        @Override
        public List<String> ddl() {
            return List.of(OURS_TABLE.formatted(typeColumn(), OURS_KEY)
                .replace("username_key VARCHAR(32)", "username_key VARCHAR(32) GENERATED ALWAYS AS (lower(username)) VIRTUAL"), USERNAME_INDEX);
        }

        @Override
        public String insert() {
            return super.insert().replace("username, username_key, usernames", "username, usernames").replace("?, ?, ?, ?, ?, ?, NULL", "?, ?, ?, ?, ?, NULL");
        }

        @Override
        public void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException {
            bindInsert(statement, row, now, false);
        }

        @Override
        public String resave() {
            return super.resave().replace("SET access_hash = ?, username = ?, ", "SET access_hash = ?, ").replace("username_key IS ?", "username IS ?");
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            bindResave(statement, row, now, false);
        }

    }

    /** Today's layout (virtual username_key) with the session and the type as small integers. */
    private static final class VirtualUsernameKeyIntegerSession extends VirtualUsernameKey {

        VirtualUsernameKeyIntegerSession() {
            super(true);
        }

        @Override
        public List<String> ddl() {
            return super.ddl().stream().map(ddl -> ddl.replace("session_name VARCHAR(128)", "session_name INTEGER")).toList();
        }

        @Override
        void session(PreparedStatement statement, int index) throws SQLException {
            statement.setInt(index, 1);
        }

    }

    /** The session as a number looked up by name in the statement, the type as text or number. */
    private static final class SessionLookedUp extends TypeChosen {

        SessionLookedUp(boolean integerType) {
            super(integerType);
        }

        @Override
        public List<String> ddl() {
            return List.of("CREATE TABLE names (session_id INTEGER PRIMARY KEY, session_name VARCHAR(128) NOT NULL UNIQUE)",
                    "INSERT INTO names (session_name) VALUES ('other'), ('bench')",
                    OURS_TABLE.formatted(typeColumn(), OURS_KEY).replace("session_name VARCHAR(128)", "session_name INTEGER"),
                    USERNAME_INDEX);
        }

        @Override
        public String insert() {
            return super.insert().replace("VALUES (?,", "VALUES ((SELECT session_id FROM names WHERE session_name = ?),");
        }

        @Override
        public String resave() {
            return super.resave().replace("session_name = ?", "session_name = (SELECT session_id FROM names WHERE session_name = ?)");
        }

    }

    /** Telethon's entities table (its marked id as the rowid, lower-cased username, one name) and its INSERT OR REPLACE. */
    private static final class TelethonTable implements Shape {

        @Override
        public List<String> ddl() {
            return List.of("CREATE TABLE entities (id integer primary key, hash integer not null, username text, phone integer, name text, date integer)");
        }

        @Override
        public String insert() {
            return "INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?, ?)";
        }

        @Override
        public void bindInsert(PreparedStatement statement, Row row, long now) throws SQLException {
            statement.setLong(1, row.markedId());
            statement.setLong(2, row.accessHash());
            text(statement, 3, row.usernameKey());
            if (row.phone() != null) {
                statement.setLong(4, Long.parseLong(row.phone()));
            }
            else {
                statement.setNull(4, Types.BIGINT);
            }
            statement.setString(5, (row.f[5] + " " + row.f[6]).trim());
            statement.setLong(6, now / 1000);
        }

        @Override
        public String resave() {
            return insert();
        }

        @Override
        public void bindResave(PreparedStatement statement, Row row, long now) throws SQLException {
            bindInsert(statement, row, now);
        }

    }

    private ScatteredStatements() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        String parameters = (args.length > 2) ? args[2] : "journal_mode=WAL&open_mode=32774&synchronous=NORMAL";
        int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 9;
        List<Row> rows = new ArrayList<>();
        Map<String, Row> byMarkedId = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("peers.tsv"))) {
            Row row = new Row(line.split("\t", -1));
            rows.add(row);
            byMarkedId.put(row.f[2], row);
        }
        List<Row> scattered = new ArrayList<>();
        for (String markedId : Files.readAllLines(data.resolve("order-id.txt"))) {
            scattered.add(byMarkedId.get(markedId.trim()));
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("stored username_key (before changeset 5), in-place UPDATE", new OurTable());
        shapes.put("Telethon's table, INSERT OR REPLACE", new TelethonTable());
        shapes.put("this library's table, type as an integer", new IntegerType());
        shapes.put("this library's table, session and type as integers", new IntegerSessionAndType());
        shapes.put("this library's table, marked id as the rowid", new RowidKey());
        shapes.put("session looked up, type as text", new SessionLookedUp(false));
        shapes.put("session looked up, type as integer", new SessionLookedUp(true));
        shapes.put("narrowest: integers, no username_key column", new Lean());
        shapes.put("this library's table, 2 columns set instead of 11", new TwoColumnsSet());
        shapes.put("virtual username_key (this library's since changeset 5)", new VirtualUsernameKey(false));
        shapes.put("virtual username_key, type as an integer", new VirtualUsernameKey(true));
        shapes.put("virtual username_key, session and type as integers", new VirtualUsernameKeyIntegerSession());
        String only = System.getProperty("shapes");
        if (only != null) {
            List<String> names = new ArrayList<>(shapes.keySet());
            List<String> kept = new ArrayList<>();
            for (String index : only.split(",")) {
                kept.add(names.get(Integer.parseInt(index.trim())));
            }
            shapes.keySet().retainAll(kept);
        }
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, PreparedStatement> resaves = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, Shape> shape : shapes.entrySet()) {
            Connection connection = open(work.resolve("shape-" + n++ + ".db"), parameters, shape.getValue(), rows);
            connections.put(shape.getKey(), connection);
            resaves.put(shape.getKey(), connection.prepareStatement(shape.getValue().resave()));
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        int[] cursor = new int[shapes.size()];
        for (int round = 0; round <= rounds; round++) {
            int s = 0;
            for (Map.Entry<String, Shape> shape : shapes.entrySet()) {
                String name = shape.getKey();
                long start = System.nanoTime();
                long peers = 0;
                while (System.nanoTime() - start < 500_000_000L) {
                    cursor[s] = resaveBatch(connections.get(name), resaves.get(name), shape.getValue(), scattered, cursor[s], System.currentTimeMillis());
                    peers += 100;
                }
                if (round > 0) { // the first round warms up
                    rates.computeIfAbsent(name, k -> new ArrayList<>()).add(peers / ((System.nanoTime() - start) / 1e9));
                }
                s++;
            }
        }
        System.out.println("SQLite URL parameters: " + parameters + "; " + rounds + " rounds of 0.5 s; medians");
        int s = 0;
        for (Map.Entry<String, Shape> shape : shapes.entrySet()) {
            String name = shape.getKey();
            List<Double> measured = rates.get(name);
            measured.sort(null);
            System.out.printf(Locale.ROOT, "%-58s %8.0f peers/s, %5.1f WAL frames a batch, %4s pages%n", name,
                    measured.get(measured.size() / 2), framesPerBatch(connections.get(name), resaves.get(name), shape.getValue(),
                            scattered, cursor[s], work.resolve("shape-" + s + ".db-wal")), pragma(connections.get(name), "page_count"));
            s++;
        }
        for (Connection connection : connections.values()) {
            connection.close();
        }
    }

    private static Connection open(Path file, String parameters, Shape shape, List<Row> rows) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file + "?" + parameters);
        try (Statement statement = connection.createStatement()) {
            String pageSize = System.getProperty("pageSize");
            if (pageSize != null) { // a WAL database keeps its page size: set it out of WAL on the empty file
                String journalMode = pragma(connection, "journal_mode");
                statement.execute("PRAGMA journal_mode=DELETE");
                statement.execute("PRAGMA page_size=" + Integer.parseInt(pageSize));
                statement.execute("VACUUM");
                statement.execute("PRAGMA journal_mode=" + journalMode);
            }
            for (String ddl : shape.ddl()) {
                statement.execute(ddl);
            }
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(shape.insert())) {
            long now = System.currentTimeMillis();
            for (Row row : rows) { // in the order the peer benchmark first saves them
                shape.bindInsert(insert, row, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        return connection;
    }

    /** Re-saves the 100 peers from {@code cursor} on in one transaction. @return the next cursor */
    private static int resaveBatch(Connection connection, PreparedStatement resave, Shape shape, List<Row> order, int cursor, long now)
            throws SQLException {
        for (int i = 0; i < 100; i++) {
            shape.bindResave(resave, order.get((cursor + i) % order.size()), now);
            resave.addBatch();
        }
        resave.executeBatch();
        connection.commit();
        return (cursor + 100) % order.size();
    }

    /** 20 batches with automatic checkpoints off, from an empty WAL: its size in frames, per batch. */
    private static double framesPerBatch(Connection connection, PreparedStatement resave, Shape shape, List<Row> order, int cursor, Path wal)
            throws Exception {
        connection.setAutoCommit(true); // a checkpoint cannot reset the WAL under an open transaction
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        connection.setAutoCommit(false);
        int next = cursor;
        for (int batch = 0; batch < 20; batch++) {
            next = resaveBatch(connection, resave, shape, order, next, System.currentTimeMillis() + batch);
        }
        return Files.size(wal) / (Long.parseLong(pragma(connection, "page_size")) + 24.0) / 20; // a frame is a page and its header
    }

    /** The value of a pragma that answers one row, as text. */
    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value != null) {
            statement.setString(index, value);
        }
        else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

}
