package io.mtgo.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.SessionNames;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.AuthKeyCipher;
import io.mtgo.storage.spi.PeerMerge;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.spi.StorageObserver;
import io.mtgo.storage.spi.StorageSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@link io.mtgo.storage.Storage} on Spring's {@code JdbcTemplate} over H2, SQLite, PostgreSQL or
 * MariaDB/MySQL, in the tables of the library's Liquibase changelog. Every statement is text in
 * {@link JdbcStatements} and the database's {@link JdbcStorageDialect}; {@link JdbcAccess} decides
 * whether a call joins the application's transaction, runs in auto-commit or needs a transaction
 * of its own. Built with {@link #builder(DataSource)}.
 */
public final class JdbcStorage extends AbstractStorage {

    /**
     * Peer types in the order of their names: the primary key's order where types are stored by name.
     * SQLite stores them by number (changeset 6); there it is only the order the pages come in, since
     * each type is paged on its own.
     */
    private static final List<PeerType> PEER_TYPES_IN_KEY_ORDER = Arrays.stream(PeerType.values())
        .sorted(Comparator.comparing(PeerType::name))
        .toList();

    private final JdbcAccess access;

    private final JdbcStatements statements;

    private final PeerWriter peerWriter;

    private JdbcStorage(JdbcAccess access, JdbcStatements statements, String sessionName, StorageSettings settings) {
        super(sessionName, settings);
        this.access = access;
        this.statements = statements;
        this.peerWriter = new PeerWriter(access, statements);
    }

    private JdbcStorage(JdbcStorage parent, String sessionName) {
        super(sessionName, parent.settings());
        this.access = parent.access;
        this.statements = parent.statements;
        this.peerWriter = parent.peerWriter;
    }

    /**
     * Starts building a storage on a {@code DataSource} whose database has the library's schema
     * (see {@code JdbcSchema}). The {@code DataSource} stays the caller's: closing the storage
     * does not close it.
     * @param dataSource the database, usually the application's pool
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Arguments.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public String backendName() {
        return "jdbc";
    }

    @Override
    protected void doSaveSession(Session session) {
        byte[] storedKey = authKeyForStorage(session);
        this.access.writeStatement(() -> this.access.update(this.statements.upsertSession,
                statement -> Rows.bindSession(statement, session, storedKey)));
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        return queryOne(this.statements.loadSession, statement -> statement.setString(1, sessionName),
                (row, i) -> Rows.toSessionBuilder(row).authKey(authKeyFromStorage(Rows.storedAuthKey(row), sessionName)).build());
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        this.access.writeAtomically(sessionName, () -> {
            this.access.update(this.statements.deleteSessionPeers,
                    keyLookup(statement -> this.access.dialect().bindPeerSession(statement, 1, sessionName, false)));
            for (String delete : this.statements.deleteSessionRest) {
                this.access.update(delete, keyLookup(statement -> statement.setString(1, sessionName)));
            }
        });
    }

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> peers) {
        if (peers.stream().noneMatch(Peer::min)) {
            this.peerWriter.save(sessionName(), peers);
            return;
        }
        // A min peer keeps the credentials of its stored row, read (and locked) in the write's transaction.
        this.access.writeAtomically(sessionName(), () -> this.peerWriter.write(sessionName(), applyMinRule(peers)));
    }

    /** Reads (and locks, where the database can) the stored rows of min peers only: they are rare. */
    private List<Peer> applyMinRule(List<Peer> peers) {
        List<Peer> merged = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            merged.add(peer.min() ? PeerMerge.merge(lockPeer(peer.type(), peer.id()).orElse(null), peer) : peer);
        }
        return merged;
    }

    private Optional<Peer> lockPeer(PeerType type, long id) {
        return queryOne(this.statements.lockPeer, statement -> bindPeerKey(statement, type, id), this::toPeer);
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        return queryOne(this.statements.loadPeer, statement -> bindPeerKey(statement, type, id), this::toPeer);
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        return queryOne(this.statements.loadPeerByUsername, statement -> {
            this.access.dialect().bindPeerSession(statement, 1, sessionName(), false);
            statement.setString(2, usernameKey);
        }, this::toPeer);
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        this.access.writeStatement(() -> this.access.update(this.statements.deletePeer,
                keyLookup(statement -> bindPeerKey(statement, type, id))));
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
        this.access.writeStatement(() -> this.access.update(this.statements.upsertKv,
                statement -> Rows.bindKv(statement, sessionName(), key, value)));
    }

    private Optional<byte[]> getKv(String key) {
        return queryOne(this.statements.loadKv, statement -> {
            statement.setString(1, sessionName());
            statement.setString(2, key);
        }, (row, i) -> row.getBytes(1));
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        boolean keepCreatedAt = conversation.createdAt() == 0;
        String sql = keepCreatedAt ? this.statements.upsertConversationKeepingCreatedAt : this.statements.upsertConversation;
        long createdAt = keepCreatedAt ? now : conversation.createdAt();
        this.access.writeStatement(() -> this.access.update(sql,
                statement -> Rows.bindConversation(statement, sessionName(), conversation, createdAt)));
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        return queryOne(this.statements.loadConversation, statement -> bindConversationKey(statement, chatId, userId),
                Rows::toConversation);
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        this.access.writeStatement(() -> this.access.update(this.statements.deleteConversation,
                keyLookup(statement -> bindConversationKey(statement, chatId, userId))));
    }

    @Override
    protected List<String> doSessionNames() {
        return this.access.queryForList(this.statements.sessionNames, statement -> {
        }, (row, i) -> row.getString(1));
    }

    @Override
    protected List<Peer> doAllPeers() {
        return this.access.queryForList(this.statements.allPeers,
                statement -> this.access.dialect().bindPeerSession(statement, 1, sessionName(), false), this::toPeer);
    }

    @Override
    protected void doForEachPeerPage(int pageSize, Consumer<List<Peer>> page) {
        // One type at a time (see JdbcStatements.PEER_PAGE); a page may hold the end of one type and
        // the start of the next, so pages stay full until the last.
        List<Peer> pending = new ArrayList<>(pageSize);
        for (PeerType type : PEER_TYPES_IN_KEY_ORDER) {
            long afterId = 0;
            while (true) {
                int wanted = pageSize - pending.size();
                List<Peer> peers = peerPage(type, afterId, wanted);
                pending.addAll(peers);
                if (pending.size() == pageSize) {
                    page.accept(List.copyOf(pending));
                    pending.clear();
                }
                if (peers.size() < wanted) {
                    break;
                }
                afterId = peers.get(peers.size() - 1).id();
            }
        }
        if (!pending.isEmpty()) {
            page.accept(List.copyOf(pending));
        }
    }

    private List<Peer> peerPage(PeerType type, long afterId, int limit) {
        return this.access.queryForList(this.statements.peerPage, statement -> {
            bindPeerKey(statement, type, afterId);
            statement.setInt(4, limit);
        }, this::toPeer);
    }

    @Override
    protected Map<Integer, byte[]> doAllUpdateStates() {
        Map<Integer, byte[]> states = new TreeMap<>();
        this.access.queryForList(this.statements.allKv, this::bindSessionName, (row, i) -> {
            int dcId = dcIdOfUpdateStateKey(row.getString(1));
            if (dcId >= 0) {
                states.put(dcId, row.getBytes(2));
            }
            return dcId;
        });
        return states;
    }

    @Override
    protected List<Conversation> doAllConversations() {
        return this.access.queryForList(this.statements.allConversations, this::bindSessionName, Rows::toConversation);
    }

    @Override
    protected SessionLeases createLeases() {
        return new JdbcSessionLeases(this.access.dataSource(), this.statements.tablePrefix);
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new JdbcStorage(this, sessionName);
    }

    @Override
    protected void doClose() {
        // The DataSource is the application's: it outlives the storage.
    }

    private void bindSessionName(PreparedStatement statement) throws SQLException {
        statement.setString(1, sessionName());
    }

    /** Session, type and id of {@code mtgo_peers}, as the dialect names them; the id may be a bound. */
    private void bindPeerKey(PreparedStatement statement, PeerType type, long id) throws SQLException {
        JdbcStorageDialect dialect = this.access.dialect();
        dialect.bindPeerSession(statement, 1, sessionName(), false);
        dialect.bindPeerType(statement, 2, type);
        statement.setLong(3, id);
    }

    private void bindConversationKey(PreparedStatement statement, long chatId, long userId) throws SQLException {
        statement.setString(1, sessionName());
        statement.setLong(2, chatId);
        statement.setLong(3, userId);
    }

    /** A statement that finds its rows by key: the dialect may prepare it (see {@link JdbcStorageDialect#prepareKeyLookup}). */
    private PreparedStatementSetter keyLookup(PreparedStatementSetter binder) {
        JdbcStorageDialect dialect = this.access.dialect();
        return statement -> {
            dialect.prepareKeyLookup(statement);
            binder.setValues(statement);
        };
    }

    private Peer toPeer(ResultSet row, int rowNumber) throws SQLException {
        return Rows.toPeer(row, this.access.dialect());
    }

    private <T> Optional<T> queryOne(String sql, PreparedStatementSetter binder, RowMapper<T> mapper) {
        ResultSetExtractor<Optional<T>> first = rows -> rows.next() ? Optional.ofNullable(mapper.mapRow(rows, 0)) : Optional.empty();
        Optional<T> found = this.access.query(sql, keyLookup(binder), first);
        return (found != null) ? found : Optional.empty();
    }

    /**
     * Builds a {@link JdbcStorage}. Only {@link #sessionName(String)} is required.
     */
    public static final class Builder extends StorageBuilder<Builder> {

        private final DataSource dataSource;

        private @Nullable String schema;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the schema that holds the tables ({@code schema.mtgo_peers}); {@code null}, the
         * default, leaves table names unqualified so the connection's current schema applies.
         * @param schema a plain SQL identifier, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the name is not a plain identifier
         */
        public Builder schema(@Nullable String schema) {
            this.schema = (schema != null) ? JdbcStatements.requireIdentifier(schema) : null;
            return this;
        }

        /**
         * Looks at the database once (its dialect, the pool's commit mode, H2's commit delay) and
         * returns the storage.
         * @return the storage
         * @throws IllegalArgumentException when no session name was set
         * @throws org.springframework.dao.DataAccessException when the database cannot be reached
         */
        @Override
        public JdbcStorage build() {
            String name = requiredSessionName();
            JdbcAccess access = JdbcAccess.on(this.dataSource);
            JdbcStatements statements = new JdbcStatements(access.dialect(), this.schema);
            access.dialect().tablePrefix(statements.tablePrefix);
            return new JdbcStorage(access, statements, name, settings());
        }

    }

}
