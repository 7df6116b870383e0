package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerMerge;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.mtgo.storage.Storage} on JPA (Hibernate) over H2, SQLite, PostgreSQL or MariaDB/MySQL.
 * The library's entities belong to the application's persistence unit and the schema to Liquibase;
 * the storage itself talks JDBC to the persistence unit's {@code DataSource} ({@link JdbcAccess}):
 * prepared {@code SELECT}s, and single-statement upserts ({@link SqlDialect} holds the only
 * per-database SQL) sent with JDBC batching. Calls join the application's transaction when there is
 * one.
 */
public final class JdbcStorage extends AbstractStorage {

    private final JdbcAccess jdbc;

    private final Statements statements;

    /**
     * Creates a storage over an entity manager factory whose persistence unit includes this
     * package's entities and whose database has the library's schema.
     * @param entityManagerFactory the factory (the application's, usually)
     * @param sessionName the session this storage is scoped to
     * @throws IllegalArgumentException when the factory exposes no {@code DataSource}
     */
    public JdbcStorage(EntityManagerFactory entityManagerFactory, String sessionName) {
        this(new JdbcAccess(JdbcAccess.dataSourceOf(entityManagerFactory)), sessionName);
    }

    JdbcStorage(JdbcAccess jdbc, String sessionName) {
        super(sessionName);
        this.jdbc = jdbc;
        this.statements = jdbc.read(connection -> {
            H2Durability.warnIfCommitsAreDelayed(connection);
            return Statements.of(connection);
        });
    }

    /**
     * Starts a storage on a DataSource whose database has the library's schema.
     * @param dataSource the database (the application's, usually; never closed by the storage)
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Builds a {@link JdbcStorage}.
     */
    public static final class Builder {

        private final DataSource dataSource;

        private String sessionName = "default";

        private @Nullable String schema;

        private Builder(DataSource dataSource) {
            this.dataSource = io.mtgo.storage.Arguments.requireNonNull(dataSource, "dataSource");
        }

        /** @param sessionName the session the storage is scoped to @return this builder */
        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        /** @param schema the schema holding the tables, or {@code null} for the connection's default @return this builder */
        public Builder schema(@Nullable String schema) {
            this.schema = JdbcSchema.requireValidSchema(schema, "schema");
            return this;
        }

        /** @return the storage */
        public JdbcStorage build() {
            return new JdbcStorage(new JdbcAccess(this.dataSource), this.sessionName);
        }

    }

    private JdbcStorage(JdbcStorage parent, String sessionName) {
        super(sessionName);
        this.jdbc = parent.jdbc;
        this.statements = parent.statements;
    }

    @Override
    public String backendName() {
        return "jdbc";
    }

    @Override
    protected void doSaveSession(Session session) {
        byte[] storedKey = authKeyForStorage(session);
        this.jdbc.writeStatement(connection -> update(connection, this.statements.session,
                statement -> Rows.bindSession(statement, session, storedKey)));
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        return this.jdbc.read(connection -> queryOne(connection, this.statements.loadSession, statement -> statement.setString(1, sessionName),
                row -> Rows.toSessionBuilder(row).authKey(authKeyFromStorage(Rows.storedAuthKey(row), sessionName)).build()));
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        this.jdbc.writeAtomically(sessionName, connection -> {
            for (String table : List.of("mtgo_peers", "mtgo_kv", "mtgo_conversations", "mtgo_sessions")) {
                update(connection, "DELETE FROM " + table + " WHERE session_name = ?", statement -> statement.setString(1, sessionName));
            }
            return null;
        });
    }

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> peers) {
        JdbcAccess.JdbcWork<Void> write = connection -> {
            PeerWriter.write(connection, this.statements.peer, sessionName(), applyMinRule(connection, peers));
            return null;
        };
        // Without a username to free or a stored row to merge, a single peer is one upsert.
        boolean oneStatement = peers.size() == 1 && peers.get(0).username() == null && !peers.get(0).min();
        if (oneStatement) {
            this.jdbc.writeStatement(write);
        }
        else {
            this.jdbc.writeAtomically(sessionName(), write);
        }
    }

    /** Reads (and locks, where the database can) the stored rows of min peers only: they are rare. */
    private List<Peer> applyMinRule(Connection connection, List<Peer> peers) throws SQLException {
        if (peers.stream().noneMatch(Peer::min)) {
            return peers;
        }
        List<Peer> merged = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            if (peer.min()) {
                Optional<Peer> stored = queryOne(connection, this.statements.lockPeer, statement -> bindPeerKey(statement, peer.type(), peer.id()),
                        Rows::toPeer);
                merged.add(PeerMerge.merge(stored.orElse(null), peer));
            }
            else {
                merged.add(peer);
            }
        }
        return merged;
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        return this.jdbc.read(connection -> queryOne(connection, this.statements.loadPeer, statement -> bindPeerKey(statement, type, id),
                Rows::toPeer));
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        return this.jdbc.read(connection -> queryOne(connection, this.statements.loadPeerByUsername, statement -> {
            statement.setString(1, sessionName());
            statement.setString(2, usernameKey);
        }, Rows::toPeer));
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        this.jdbc.writeStatement(connection -> update(connection,
                "DELETE FROM mtgo_peers WHERE session_name = ? AND peer_type = ? AND peer_id = ?",
                statement -> bindPeerKey(statement, type, id)));
    }

    @Override
    protected void doSetMetadata(String key, String value) {
        putKv(key, Rows.utf8(value));
    }

    @Override
    protected Optional<String> doGetMetadata(String key) {
        return getKv(key).map(Rows::text);
    }

    @Override
    protected void doSetUpdateState(int dcId, byte[] state) {
        putKv(updateStateKey(dcId), state);
    }

    @Override
    protected Optional<byte[]> doGetUpdateState(int dcId) {
        return getKv(updateStateKey(dcId));
    }

    private void putKv(String key, byte[] value) {
        this.jdbc.writeStatement(connection -> update(connection, this.statements.kv,
                statement -> Rows.bindKv(statement, sessionName(), key, value)));
    }

    private Optional<byte[]> getKv(String key) {
        return this.jdbc.read(connection -> queryOne(connection, this.statements.loadKv, statement -> {
            statement.setString(1, sessionName());
            statement.setString(2, key);
        }, row -> row.getBytes(1)));
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        boolean keepCreatedAt = conversation.createdAt() == 0;
        String sql = keepCreatedAt ? this.statements.conversationKeepingCreatedAt : this.statements.conversation;
        this.jdbc.writeStatement(connection -> update(connection, sql,
                statement -> Rows.bindConversation(statement, sessionName(), conversation, keepCreatedAt ? now : conversation.createdAt())));
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        return this.jdbc.read(connection -> queryOne(connection, this.statements.loadConversation, statement -> {
            statement.setString(1, sessionName());
            statement.setLong(2, chatId);
            statement.setLong(3, userId);
        }, Rows::toConversation));
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        this.jdbc.writeStatement(connection -> update(connection,
                "DELETE FROM mtgo_conversations WHERE session_name = ? AND chat_id = ? AND user_id = ?", statement -> {
                    statement.setString(1, sessionName());
                    statement.setLong(2, chatId);
                    statement.setLong(3, userId);
                }));
    }

    @Override
    protected List<String> doSessionNames() {
        return this.jdbc.read(connection -> queryAll(connection, "SELECT session_name FROM mtgo_sessions", statement -> {
        }, row -> row.getString(1)));
    }

    @Override
    protected List<Peer> doAllPeers() {
        return this.jdbc.read(connection -> queryAll(connection, this.statements.allPeers, this::bindSession, Rows::toPeer));
    }

    @Override
    protected Map<Integer, byte[]> doAllUpdateStates() {
        Map<Integer, byte[]> states = new TreeMap<>();
        this.jdbc.read(connection -> queryAll(connection, "SELECT kv_key, kv_value FROM mtgo_kv WHERE session_name = ?", this::bindSession,
                row -> {
                    int dcId = dcIdOfUpdateStateKey(row.getString(1));
                    if (dcId >= 0) {
                        states.put(dcId, row.getBytes(2));
                    }
                    return null;
                }));
        return states;
    }

    @Override
    protected List<Conversation> doAllConversations() {
        return this.jdbc.read(connection -> queryAll(connection, this.statements.allConversations, this::bindSession, Rows::toConversation));
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new JdbcStorage(this, sessionName);
    }

    @Override
    protected void doClose() {
        // The DataSource is the application's: it outlives the storage.
    }

    private void bindSession(PreparedStatement statement) throws SQLException {
        statement.setString(1, sessionName());
    }

    private void bindPeerKey(PreparedStatement statement, PeerType type, long id) throws SQLException {
        statement.setString(1, sessionName());
        statement.setString(2, type.name());
        statement.setLong(3, id);
    }

    private static Void update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        }
        return null;
    }

    private static <T> Optional<T> queryOne(Connection connection, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        }
    }

    private static <T> List<T> queryAll(Connection connection, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(mapper.map(rows));
                }
                return values;
            }
        }
    }

    @FunctionalInterface
    private interface Binder {

        void bind(PreparedStatement statement) throws SQLException;

    }

    @FunctionalInterface
    private interface RowMapper<T> {

        T map(ResultSet row) throws SQLException;

    }

    @Override
    protected SessionLeases createLeases() {
        return new JdbcSessionLeases(this.jdbc.dataSource());
    }

    /** The statements of this database, built once. */
    private record Statements(String session, String peer, String kv, String conversation, String conversationKeepingCreatedAt,
            String loadSession, String loadPeer, String lockPeer, String loadPeerByUsername, String allPeers, String loadKv,
            String loadConversation, String allConversations) {

        static Statements of(Connection connection) throws SQLException {
            SqlDialect dialect = SqlDialect.of(connection);
            List<String> conversationUpdate = Rows.nonKey(Rows.CONVERSATION_COLUMNS, Rows.CONVERSATION_KEY);
            String loadPeer = Rows.select("mtgo_peers", Rows.PEER_COLUMNS, "session_name = ? AND peer_type = ? AND peer_id = ?");
            return new Statements(
                    dialect.upsert("mtgo_sessions", Rows.SESSION_KEY, Rows.SESSION_COLUMNS,
                            Rows.nonKey(Rows.SESSION_COLUMNS, Rows.SESSION_KEY)),
                    dialect.upsert("mtgo_peers", Rows.PEER_KEY, Rows.PEER_COLUMNS, Rows.nonKey(Rows.PEER_COLUMNS, Rows.PEER_KEY)),
                    dialect.upsert("mtgo_kv", Rows.KV_KEY, Rows.KV_COLUMNS, Rows.nonKey(Rows.KV_COLUMNS, Rows.KV_KEY)),
                    dialect.upsert("mtgo_conversations", Rows.CONVERSATION_KEY, Rows.CONVERSATION_COLUMNS, conversationUpdate),
                    dialect.upsert("mtgo_conversations", Rows.CONVERSATION_KEY, Rows.CONVERSATION_COLUMNS,
                            conversationUpdate.stream().filter(column -> !column.equals("created_ms")).toList()),
                    Rows.select("mtgo_sessions", Rows.SESSION_COLUMNS, "session_name = ?"),
                    loadPeer,
                    loadPeer + dialect.forUpdate(connection),
                    Rows.select("mtgo_peers", Rows.PEER_COLUMNS, "session_name = ? AND username_key = ?"),
                    Rows.select("mtgo_peers", Rows.PEER_COLUMNS, "session_name = ?"),
                    "SELECT kv_value FROM mtgo_kv WHERE session_name = ? AND kv_key = ?",
                    Rows.select("mtgo_conversations", Rows.CONVERSATION_COLUMNS, "session_name = ? AND chat_id = ? AND user_id = ?"),
                    Rows.select("mtgo_conversations", Rows.CONVERSATION_COLUMNS, "session_name = ?"));
        }

    }

}
