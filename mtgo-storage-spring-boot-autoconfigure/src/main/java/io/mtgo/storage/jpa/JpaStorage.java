package io.mtgo.storage.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerMerge;
import io.mtgo.storage.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import org.hibernate.jdbc.ReturningWork;

/**
 * {@link io.mtgo.storage.Storage} on JPA (Hibernate) over H2, SQLite, PostgreSQL or MariaDB/MySQL.
 * Reads go through the entities; every write is one transaction of single-statement upserts sent
 * with JDBC batching on the transaction's own connection ({@link SqlDialect} holds the only
 * per-database SQL). Transactions that lose a race on a unique key or a lock are retried
 * ({@link JpaTransactions}).
 */
public final class JpaStorage extends AbstractStorage {

    private final JpaTransactions transactions;

    private final Statements statements;

    private final Runnable onClose;

    /**
     * Creates a storage over an entity manager factory whose persistence unit includes this
     * package's entities and whose database has the library's schema.
     * @param entityManagerFactory the factory (the application's, usually)
     * @param sessionName the session this storage is scoped to
     */
    public JpaStorage(EntityManagerFactory entityManagerFactory, String sessionName) {
        this(new JpaTransactions(entityManagerFactory), sessionName, () -> {
        });
    }

    JpaStorage(JpaTransactions transactions, String sessionName, Runnable onClose) {
        super(sessionName);
        this.transactions = transactions;
        this.statements = transactions.inTransaction(em -> work(em, Statements::of));
        this.onClose = onClose;
    }

    private JpaStorage(JpaStorage parent, String sessionName) {
        super(sessionName);
        this.transactions = parent.transactions;
        this.statements = parent.statements;
        this.onClose = () -> {
        };
    }

    @Override
    public String backendName() {
        return "jpa";
    }

    @Override
    protected void doSaveSession(Session session) {
        byte[] storedKey = authKeyForStorage(session);
        write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(this.statements.session)) {
                Rows.bindSession(statement, session, storedKey);
                statement.executeUpdate();
            }
        });
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        return this.transactions.read(em -> Optional.ofNullable(detached(em, em.find(SessionEntity.class, sessionName)))
            .map(row -> Rows.toSessionBuilder(row).authKey(authKeyFromStorage(row.authKey, sessionName)).build()));
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        write(connection -> {
            for (String table : List.of("mtgo_peers", "mtgo_kv", "mtgo_conversations", "mtgo_sessions")) {
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE session_name = ?")) {
                    statement.setString(1, sessionName);
                    statement.executeUpdate();
                }
            }
        });
    }

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> peers) {
        this.transactions.write(em -> {
            List<Peer> merged = applyMinRule(em, peers);
            work(em, connection -> {
                PeerWriter.write(connection, this.statements.peer, sessionName(), merged);
                return null;
            });
            return null;
        });
    }

    /** Reads (and locks, where the database can) the stored rows of min peers only: they are rare. */
    private List<Peer> applyMinRule(EntityManager em, List<Peer> peers) {
        List<Peer> merged = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            if (peer.min()) {
                PeerEntity stored = detached(em, em.find(PeerEntity.class, new PeerEntity.Key(sessionName(), peer.id()),
                        LockModeType.PESSIMISTIC_WRITE));
                merged.add(PeerMerge.merge((stored != null) ? Rows.toPeer(stored) : null, peer));
            }
            else {
                merged.add(peer);
            }
        }
        return merged;
    }

    @Override
    protected Optional<Peer> doLoadPeer(long id) {
        return this.transactions.read(em -> Optional.ofNullable(detached(em, em.find(PeerEntity.class, new PeerEntity.Key(sessionName(), id))))
            .map(Rows::toPeer));
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        return this.transactions.read(em -> em
            .createQuery("select p from MtgoPeer p where p.sessionName = :session and p.usernameKey = :key", PeerEntity.class)
            .setParameter("session", sessionName())
            .setParameter("key", usernameKey)
            .getResultStream()
            .findFirst()
            .map(row -> Rows.toPeer(detached(em, row))));
    }

    @Override
    protected void doDeletePeer(long id) {
        write(connection -> {
            try (PreparedStatement statement = connection
                .prepareStatement("DELETE FROM mtgo_peers WHERE session_name = ? AND peer_id = ?")) {
                statement.setString(1, sessionName());
                statement.setLong(2, id);
                statement.executeUpdate();
            }
        });
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
        write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(this.statements.kv)) {
                Rows.bindKv(statement, sessionName(), key, value);
                statement.executeUpdate();
            }
        });
    }

    private Optional<byte[]> getKv(String key) {
        return this.transactions.read(em -> Optional.ofNullable(detached(em, em.find(KvEntity.class, new KvEntity.Key(sessionName(), key))))
            .map(row -> row.value.clone()));
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        boolean keepCreatedAt = conversation.createdAt() == 0;
        write(connection -> {
            String sql = keepCreatedAt ? this.statements.conversationKeepingCreatedAt : this.statements.conversation;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Rows.bindConversation(statement, sessionName(), conversation, keepCreatedAt ? now : conversation.createdAt());
                statement.executeUpdate();
            }
        });
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        return this.transactions.read(em -> Optional
            .ofNullable(detached(em, em.find(ConversationEntity.class, new ConversationEntity.Key(sessionName(), chatId, userId))))
            .map(Rows::toConversation));
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        write(connection -> {
            try (PreparedStatement statement = connection
                .prepareStatement("DELETE FROM mtgo_conversations WHERE session_name = ? AND chat_id = ? AND user_id = ?")) {
                statement.setString(1, sessionName());
                statement.setLong(2, chatId);
                statement.setLong(3, userId);
                statement.executeUpdate();
            }
        });
    }

    @Override
    protected List<String> doSessionNames() {
        return this.transactions.read(em -> em.createQuery("select s.sessionName from MtgoSession s", String.class).getResultList());
    }

    @Override
    protected List<Peer> doAllPeers() {
        return this.transactions.read(em -> em.createQuery("select p from MtgoPeer p where p.sessionName = :session", PeerEntity.class)
            .setParameter("session", sessionName())
            .getResultStream()
            .map(row -> Rows.toPeer(detached(em, row)))
            .toList());
    }

    @Override
    protected java.util.Map<Integer, byte[]> doAllUpdateStates() {
        java.util.Map<Integer, byte[]> states = new java.util.TreeMap<>();
        this.transactions.read(em -> em.createQuery("select k from MtgoKv k where k.sessionName = :session", KvEntity.class)
            .setParameter("session", sessionName())
            .getResultStream()
            .map(row -> detached(em, row))
            .filter(row -> dcIdOfUpdateStateKey(row.key) >= 0)
            .toList()).forEach(row -> states.put(dcIdOfUpdateStateKey(row.key), row.value.clone()));
        return states;
    }

    @Override
    protected List<Conversation> doAllConversations() {
        return this.transactions.read(em -> em
            .createQuery("select c from MtgoConversation c where c.sessionName = :session", ConversationEntity.class)
            .setParameter("session", sessionName())
            .getResultStream()
            .map(row -> Rows.toConversation(detached(em, row)))
            .toList());
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new JpaStorage(this, sessionName);
    }

    @Override
    protected void doClose() {
        this.onClose.run();
    }

    private void write(JdbcAction action) {
        this.transactions.write(em -> work(em, connection -> {
            action.run(connection);
            return null;
        }));
    }

    /**
     * Writes bypass the persistence context (plain JDBC), so a row read into a context that lives on
     * (the application's transaction) would go stale; nothing read stays managed.
     */
    private static <T> T detached(EntityManager em, T entity) {
        if (entity != null) {
            em.detach(entity);
        }
        return entity;
    }

    private static <T> T work(EntityManager em, ReturningWork<T> work) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(work);
    }

    @FunctionalInterface
    private interface JdbcAction {

        void run(Connection connection) throws SQLException;

    }

    /** The upsert statements of this database, built once. */
    private record Statements(String session, String peer, String kv, String conversation, String conversationKeepingCreatedAt) {

        static Statements of(Connection connection) throws SQLException {
            SqlDialect dialect = SqlDialect.of(connection);
            List<String> conversationUpdate = Rows.nonKey(Rows.CONVERSATION_COLUMNS, Rows.CONVERSATION_KEY);
            return new Statements(
                    dialect.upsert("mtgo_sessions", Rows.SESSION_KEY, Rows.SESSION_COLUMNS,
                            Rows.nonKey(Rows.SESSION_COLUMNS, Rows.SESSION_KEY)),
                    dialect.upsert("mtgo_peers", Rows.PEER_KEY, Rows.PEER_COLUMNS, Rows.nonKey(Rows.PEER_COLUMNS, Rows.PEER_KEY)),
                    dialect.upsert("mtgo_kv", Rows.KV_KEY, Rows.KV_COLUMNS, Rows.nonKey(Rows.KV_COLUMNS, Rows.KV_KEY)),
                    dialect.upsert("mtgo_conversations", Rows.CONVERSATION_KEY, Rows.CONVERSATION_COLUMNS, conversationUpdate),
                    dialect.upsert("mtgo_conversations", Rows.CONVERSATION_KEY, Rows.CONVERSATION_COLUMNS,
                            conversationUpdate.stream().filter(column -> !column.equals("created_ms")).toList()));
        }

    }

}
