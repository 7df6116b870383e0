package io.mtgo.storage.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;

/**
 * The JDBC backend's yardstick: plain JDBC on the library's schema, with the same per-database upsert
 * SQL as the store's dialects (peers keyed by session, type and id; the workload's peers are users),
 * on a connection taken from its own pool per operation (as {@code JdbcTemplate} would), used as a
 * careful engineer uses each driver: every statement is prepared once per physical connection and
 * re-used (pgjdbc then executes it server-side prepared after five runs, MariaDB's driver with
 * {@code useServerPrepStmts} keeps its server-side handle, SQLite skips its compile step), batches
 * go through the driver's batch path, and the pool's URL carries the driver options that pay off
 * (see {@link Backend}). Writes of several statements run in one transaction; the rest in auto-commit.
 * It does the store's logical work: a claimed username is first taken from any other peer holding it.
 */
final class JdbcBaseline implements RawBaseline {

    static final String SESSION = Backend.SESSION + "-raw";

    private static final List<String> PEER_COLUMNS = List.of("session_name", "peer_id", "peer_type", "access_hash", "username",
            "username_key", "usernames", "first_name", "last_name", "phone", "bot", "photo_id", "lang", "last_updated_ms",
            "min_peer");

    private static final List<String> SESSION_COLUMNS = List.of("session_name", "dc_id", "server_address", "port", "test_mode",
            "auth_key", "api_id", "api_hash", "created_ms");

    private static final List<String> KV_COLUMNS = List.of("session_name", "kv_key", "kv_value");

    /** As the store: the claimant's own row is left alone, so re-saving a peer writes its row once. */
    private static final String FREE_USERNAME = "UPDATE mtgo_peers SET %s "
            + "WHERE session_name = ? AND username_key = ? AND NOT (peer_type = ? AND peer_id = ?)";

    private static final String SELECT_PEER = "SELECT " + String.join(", ", PEER_COLUMNS.subList(1, PEER_COLUMNS.size()))
            + " FROM mtgo_peers WHERE session_name = ? AND ";

    /** SQLite's types by number (the store's changeset 6): the position here. */
    private static final List<PeerType> SQLITE_TYPES = List.of(PeerType.USER, PeerType.CHAT, PeerType.CHANNEL);

    private static final String SELECT_SESSION = "SELECT " + String.join(", ", SESSION_COLUMNS)
            + " FROM mtgo_sessions WHERE session_name = ?";

    private final DataSource dataSource;

    /** Statements prepared once per physical connection (a pool's proxy would close them on return). */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new IdentityHashMap<>();

    private final String upsertPeer;

    private final String upsertSession;

    private final String upsertKv;

    private final boolean upsertFirst;

    /** SQLite's username_key is a generated column (the store's changeset 5): not written. */
    private final boolean derivedUsernameKey;

    private final String freeUsername;

    private final String selectPeer;

    /**
     * SQLite's rows name the session by number and the type by number (the store's changeset 6):
     * the raw side numbers its session once, as an application that knew its one session would.
     */
    private final boolean numbered;

    private final long sessionNumber;

    JdbcBaseline(DataSource dataSource) {
        this.dataSource = dataSource;
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        this.derivedUsernameKey = product.contains("sqlite");
        this.numbered = product.contains("sqlite");
        String sessionColumn = this.numbered ? "session_number" : "session_name";
        List<String> written = PEER_COLUMNS.stream().filter(c -> !(this.derivedUsernameKey && c.equals("username_key")))
            .map(c -> c.equals("session_name") ? sessionColumn : c).toList();
        this.upsertPeer = upsert(product, "mtgo_peers", 3, written);
        this.freeUsername = FREE_USERNAME.formatted(this.derivedUsernameKey ? "username = NULL" : "username = NULL, username_key = NULL")
            .replace("session_name", sessionColumn);
        this.selectPeer = SELECT_PEER.replace("session_name", sessionColumn);
        this.sessionNumber = this.numbered ? numberSession(dataSource) : 0;
        this.upsertSession = upsert(product, "mtgo_sessions", 1, SESSION_COLUMNS);
        this.upsertKv = upsert(product, "mtgo_kv", 2, KV_COLUMNS);
        this.upsertFirst = !product.contains("mariadb") && !product.contains("mysql");
    }

    /** The library's upserts: every non-key column takes the new value. */
    static String upsert(String product, String table, int keyCount, List<String> columns) {
        String keys = String.join(", ", columns.subList(0, keyCount));
        List<String> updated = columns.subList(keyCount, columns.size());
        String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")";
        if (product.contains("h2")) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + keys + ") VALUES (" + placeholders + ")";
        }
        if (product.contains("postgres") || product.contains("sqlite")) {
            return insert + " ON CONFLICT (" + keys + ") DO UPDATE SET "
                    + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        }
        return insert + " ON DUPLICATE KEY UPDATE " + updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }

    /**
     * As a careful engineer would: where the database refuses an upsert that takes another peer's
     * username rather than touching the holder's row (all but MariaDB), the upsert alone in
     * auto-commit, and the username freed in a transaction only when it was refused.
     */
    @Override
    public void savePeer(Peer peer) {
        try (Connection connection = this.dataSource.getConnection()) {
            if (this.upsertFirst) {
                PreparedStatement upsert = prepared(connection, this.upsertPeer);
                bindPeer(upsert, peer);
                try {
                    upsert.executeUpdate();
                    return;
                }
                catch (SQLException ex) {
                    if (!uniqueViolation(ex)) {
                        throw ex;
                    }
                }
            }
            connection.setAutoCommit(false);
            try {
                String key = Usernames.keyOf(peer.username());
                if (key != null) {
                    PreparedStatement free = prepared(connection, this.freeUsername);
                    bindSession(free, 1);
                    free.setString(2, key);
                    bindType(free, 3, peer.type());
                    free.setLong(4, peer.id());
                    free.executeUpdate();
                }
                PreparedStatement upsert = prepared(connection, this.upsertPeer);
                bindPeer(upsert, peer);
                upsert.executeUpdate();
                connection.commit();
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean uniqueViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState()) || String.valueOf(failure.getMessage()).contains("SQLITE_CONSTRAINT_UNIQUE");
    }

    @Override
    public void savePeers(List<Peer> peers) {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                PreparedStatement free = prepared(connection, this.freeUsername);
                boolean freeing = false;
                for (Peer peer : peers) {
                    String key = Usernames.keyOf(peer.username());
                    if (key != null) {
                        bindSession(free, 1);
                        free.setString(2, key);
                        bindType(free, 3, peer.type());
                        free.setLong(4, peer.id());
                        free.addBatch();
                        freeing = true;
                    }
                }
                if (freeing) {
                    free.executeBatch();
                }
                PreparedStatement upsert = prepared(connection, this.upsertPeer);
                for (Peer peer : peers) {
                    bindPeer(upsert, peer);
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public Object loadPeer(long id) {
        return selectPeer(this.numbered ? "peer_type = 0 AND peer_id = ?" : "peer_type = 'USER' AND peer_id = ?",
                statement -> statement.setLong(2, id));
    }

    @Override
    public Object loadPeerByUsername(String usernameKey) {
        return selectPeer("username_key = ?", statement -> statement.setString(2, usernameKey));
    }

    @Override
    public void setUpdateState(int dcId, byte[] state) {
        try (Connection connection = this.dataSource.getConnection()) {
            PreparedStatement statement = prepared(connection, this.upsertKv);
            statement.setString(1, SESSION);
            statement.setString(2, "update_state:" + dcId);
            statement.setBytes(3, state);
            statement.executeUpdate();
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void saveSession(Session session) {
        try (Connection connection = this.dataSource.getConnection()) {
            PreparedStatement statement = prepared(connection, this.upsertSession);
            statement.setString(1, session.name());
            statement.setInt(2, session.dcId());
            setString(statement, 3, session.serverAddress());
            statement.setInt(4, session.port());
            statement.setBoolean(5, session.testMode());
            statement.setBytes(6, session.authKey());
            statement.setInt(7, session.apiId());
            setString(statement, 8, session.apiHash());
            statement.setLong(9, session.date());
            statement.executeUpdate();
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public Object loadSession(String name) {
        try (Connection connection = this.dataSource.getConnection()) {
            PreparedStatement statement = prepared(connection, SELECT_SESSION);
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return Session.builder(row.getString(1))
                    .dcId(row.getInt(2))
                    .serverAddress(row.getString(3))
                    .port(row.getInt(4))
                    .testMode(row.getBoolean(5))
                    .authKey(row.getBytes(6))
                    .apiId(row.getInt(7))
                    .apiHash(row.getString(8))
                    .date(row.getLong(9))
                    .build();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        try (Connection connection = this.dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM mtgo_peers WHERE " + (this.numbered ? "session_number" : "session_name") + " = ?")) {
                bindSession(statement, 1);
                statement.executeUpdate();
            }
            for (String table : List.of("mtgo_kv", "mtgo_sessions")) {
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE session_name = ?")) {
                    statement.setString(1, SESSION);
                    statement.executeUpdate();
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        finally {
            synchronized (this.statements) {
                for (Map<String, PreparedStatement> ofConnection : this.statements.values()) {
                    for (PreparedStatement statement : ofConnection.values()) {
                        try {
                            statement.close();
                        }
                        catch (SQLException ex) {
                            // the connection is gone with it
                        }
                    }
                }
                this.statements.clear();
            }
        }
    }

    /** The statement for the SQL on the physical connection behind a pooled one, prepared on first use. */
    private PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> ofConnection;
        synchronized (this.statements) {
            ofConnection = this.statements.computeIfAbsent(physical, c -> new HashMap<>());
        }
        PreparedStatement statement = ofConnection.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            ofConnection.put(sql, statement);
        }
        return statement;
    }

    private Peer selectPeer(String condition, Binder binder) {
        try (Connection connection = this.dataSource.getConnection()) {
            PreparedStatement statement = prepared(connection, this.selectPeer + condition);
            bindSession(statement, 1);
            binder.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                String usernames = row.getString(6);
                return Peer.builder(row.getLong(1), this.numbered ? SQLITE_TYPES.get(row.getInt(2)) : PeerType.valueOf(row.getString(2)))
                    .accessHash(row.getLong(3))
                    .username(row.getString(4))
                    .usernames((usernames != null) ? Arrays.asList(usernames.split(",")) : List.of())
                    .firstName(row.getString(7))
                    .lastName(row.getString(8))
                    .phoneNumber(row.getString(9))
                    .bot(row.getBoolean(10))
                    .photoId(row.getLong(11))
                    .language(row.getString(12))
                    .lastUpdated(row.getLong(13))
                    .min(row.getBoolean(14))
                    .build();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void bindPeer(PreparedStatement statement, Peer peer) throws SQLException {
        bindSession(statement, 1);
        statement.setLong(2, peer.id());
        bindType(statement, 3, peer.type());
        statement.setLong(4, peer.accessHash());
        setString(statement, 5, peer.username());
        int next = 6;
        if (!this.derivedUsernameKey) {
            setString(statement, next++, Usernames.keyOf(peer.username()));
        }
        setString(statement, next++, peer.usernames().isEmpty() ? null : String.join(",", peer.usernames()));
        setString(statement, next++, peer.firstName());
        setString(statement, next++, peer.lastName());
        setString(statement, next++, peer.phoneNumber());
        statement.setBoolean(next++, peer.bot());
        statement.setLong(next++, peer.photoId());
        setString(statement, next++, peer.language());
        statement.setLong(next++, peer.lastUpdated());
        statement.setBoolean(next, peer.min());
    }

    private void bindSession(PreparedStatement statement, int index) throws SQLException {
        if (this.numbered) {
            statement.setLong(index, this.sessionNumber);
        }
        else {
            statement.setString(index, SESSION);
        }
    }

    private void bindType(PreparedStatement statement, int index, PeerType type) throws SQLException {
        if (this.numbered) {
            statement.setInt(index, SQLITE_TYPES.indexOf(type));
        }
        else {
            statement.setString(index, type.name());
        }
    }

    /** The raw session's number in SQLite's {@code mtgo_session_numbers}, made once. */
    private static long numberSession(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO mtgo_session_numbers (session_name) VALUES (?)");
                PreparedStatement select = connection.prepareStatement("SELECT session_number FROM mtgo_session_numbers WHERE session_name = ?")) {
            insert.setString(1, SESSION);
            insert.executeUpdate();
            select.setString(1, SESSION);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value != null) {
            statement.setString(index, value);
        }
        else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    @FunctionalInterface
    private interface Binder {

        void bind(PreparedStatement statement) throws SQLException;

    }

}
