package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.jspecify.annotations.Nullable;

/**
 * The SQL that differs between the databases the JDBC store supports: the single-statement
 * upserts, row locking, how a statement that looks rows up by key is prepared, and which failures
 * mean "another writer got there first". One small subclass per database, chosen once from the
 * connection's {@link DatabaseMetaData}. Statements name tables as {@code %SCHEMA%mtgo_...}; the
 * store replaces the placeholder with the configured schema.
 * <p>
 * Every upsert lists its columns in the order {@link Rows} binds them.
 */
abstract sealed class JdbcStorageDialect
        permits H2JdbcStorageDialect, OnConflictJdbcStorageDialect, MariaDbJdbcStorageDialect {

    /**
     * Returns the dialect of a database.
     * @throws IllegalStateException for a database the store does not support
     */
    static JdbcStorageDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return new H2JdbcStorageDialect();
        }
        if (product.contains("sqlite")) {
            return new SqliteJdbcStorageDialect(SqliteJdbcStorageDialect.keepsTextInUtf8(metaData.getConnection()));
        }
        if (product.contains("postgres")) {
            return new PostgresJdbcStorageDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return new MariaDbJdbcStorageDialect();
        }
        throw new IllegalStateException("The JDBC storage supports H2, SQLite, PostgreSQL and MariaDB/MySQL, not " + product);
    }

    private final String upsertSession;

    private final String upsertPeer;

    private final String upsertKv;

    private final String upsertConversation;

    private final String upsertConversationKeepingCreatedAt;

    JdbcStorageDialect(String upsertSession, String upsertPeer, String upsertKv, String upsertConversation,
            String upsertConversationKeepingCreatedAt) {
        this.upsertSession = upsertSession;
        this.upsertPeer = upsertPeer;
        this.upsertKv = upsertKv;
        this.upsertConversation = upsertConversation;
        this.upsertConversationKeepingCreatedAt = upsertConversationKeepingCreatedAt;
    }

    /** Inserts or replaces a session: 9 parameters. */
    final String upsertSession() {
        return this.upsertSession;
    }

    /** Inserts or replaces a peer, keyed by session, type and id: 15 parameters, 14 where {@link #derivesUsernameKey()}. */
    final String upsertPeer() {
        return this.upsertPeer;
    }

    /** Inserts or replaces a metadata value or update state: 3 parameters. */
    final String upsertKv() {
        return this.upsertKv;
    }

    /** Inserts or replaces a conversation with every column: 8 parameters. */
    final String upsertConversation() {
        return this.upsertConversation;
    }

    /** Like {@link #upsertConversation()}, but an existing row keeps its {@code created_ms}. */
    final String upsertConversationKeepingCreatedAt() {
        return this.upsertConversationKeepingCreatedAt;
    }

    /**
     * The suffix that locks the rows a {@code SELECT} reads until the transaction ends.
     */
    String forUpdate() {
        return " FOR UPDATE";
    }

    /**
     * Returns a statement for the SQL on a connection; the caller closes it when done.
     */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /**
     * Reads a text column of a row the store fetched.
     */
    @Nullable String text(ResultSet row, int column) throws SQLException {
        return row.getString(column);
    }

    /**
     * The column of {@code mtgo_peers} that names the session, in the statements every database
     * shares: {@code session_name}, holding the name, unless the dialect numbers sessions.
     */
    String peerSessionColumn() {
        return "session_name";
    }

    /** A query of the names of the sessions that hold peers, for the list of every session. */
    String sessionsWithPeers() {
        return "SELECT session_name FROM %SCHEMA%mtgo_peers";
    }

    /**
     * Binds the session of a statement on {@code mtgo_peers} ({@link #peerSessionColumn()}).
     * @param writing whether the statement writes the session's peers
     */
    void bindPeerSession(PreparedStatement statement, int index, String sessionName, boolean writing) throws SQLException {
        statement.setString(index, sessionName);
    }

    /** Binds a peer type as {@code mtgo_peers.peer_type} holds it: its name, unless the dialect numbers types. */
    void bindPeerType(PreparedStatement statement, int index, PeerType type) throws SQLException {
        statement.setString(index, type.name());
    }

    /** Reads a peer type bound by {@link #bindPeerType}. */
    PeerType peerType(ResultSet row, int column) throws SQLException {
        return PeerType.valueOf(Objects.requireNonNull(text(row, column), "peer_type"));
    }

    /**
     * Frees, in one statement or a few, the usernames a batch of peers claims from the other peers
     * holding them (each claimant's own row is left alone), on the store's connection of the moment.
     * @param claims username key and claimant, at least two
     * @return {@code false} when the dialect has no such form: the caller batches one statement per claim
     */
    boolean freeUsernames(JdbcAccess access, String tablePrefix, String sessionName, List<Map.Entry<String, Peer>> claims) {
        return false;
    }

    /**
     * Upserts a batch of peers in one statement or a few.
     * @param peers at least two, distinct by type and id
     * @param keepsUsername whether a peer's row keeps the peer's username (no later peer of the batch claims it)
     * @return {@code false} when the dialect has no such form: the caller batches one upsert per peer
     */
    boolean upsertPeers(JdbcAccess access, String tablePrefix, String sessionName, List<Peer> peers,
            Predicate<Peer> keepsUsername) {
        return false;
    }

    /**
     * Checks, once when the store opens, that the database keeps any text Telegram sends exactly:
     * names, usernames and dialog data hold emoji and every script, and a database or connection
     * that cannot store them would reject some writes or, worse, replace characters with {@code ?}
     * and merge sessions whose names differ only there. H2 and SQLite always store Unicode.
     * @throws IllegalStateException naming the setting to change
     */
    void requireUnicodeText(Connection connection) throws SQLException {
    }

    /**
     * A statement that changes nothing, run first in every transaction the store opens itself (all
     * of them write), for a database whose transactions must take the write lock before they read.
     * @return the statement, or {@code null} where a transaction may read first
     */
    @Nullable String writeLockStatement() {
        return null;
    }

    /**
     * Tells the dialect where the store's tables are, for dialects whose choices depend on them or
     * that run statements of their own.
     * @param tablePrefix {@code schema.} or nothing, as {@link JdbcStatements#tablePrefix}
     */
    void tablePrefix(String tablePrefix) {
    }

    /**
     * Called on every statement that finds rows by key ({@code SELECT}, {@code UPDATE},
     * {@code DELETE} with a {@code WHERE}) before it is bound.
     */
    void prepareKeyLookup(PreparedStatement statement) throws SQLException {
    }

    /**
     * An {@code UPDATE} that rewrites a stored peer's row only when it keeps its username (compared
     * null-safely), leaving the username index alone; {@code null} when the
     * dialect has none. Parameters in the order {@link Rows#bindPeerInPlace} binds them. Worth it
     * where every index an upsert names is rewritten whatever the values (SQLite): re-saving a
     * known peer, the common case, then changes one page instead of two.
     */
    @Nullable String updatePeerInPlace() {
        return null;
    }

    /**
     * Whether the database works {@code username_key} out from {@code username} itself (a generated
     * column, SQLite): then no statement writes it, and the peer upsert has 14 parameters, not 15.
     */
    boolean derivesUsernameKey() {
        return false;
    }

    /**
     * Whether the peer upsert fails, rather than touching another row, when the username it writes
     * is held by another peer of the session. Then a write can try the upsert alone and free the
     * username only when the database refuses it (see {@link PeerWriter}). Not MySQL's and
     * MariaDB's {@code ON DUPLICATE KEY UPDATE}, which would update the holder's row instead.
     */
    boolean upsertRefusesTakenUsername() {
        return true;
    }

    /**
     * The most rows one JDBC batch of the store carries; a longer one runs as several on the same
     * statement, in the same transaction.
     */
    int maxBatchRows() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether {@link #upsertPeers} writes any batch in one statement, atomic by itself (PostgreSQL's
     * arrays): a batch that frees no username then needs no transaction of its own.
     */
    boolean upsertsPeersInOneStatement() {
        return false;
    }

    /**
     * Whether a statement that failed inside a transaction leaves the transaction usable, its
     * earlier statements still in it (SQLite, H2, MySQL); not PostgreSQL, which then refuses
     * everything until the rollback.
     */
    boolean failedStatementKeepsTransaction() {
        return true;
    }

    /**
     * Whether a failure means a unique index refused the row: SQL state {@code 23505} on H2 and
     * PostgreSQL.
     */
    boolean uniqueViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState());
    }

    /**
     * Whether a failure Spring's translator could not classify still means that the write lost
     * a race (a lock it waited for, a key taken between two of its statements) and may be retried.
     */
    boolean lostARace(SQLException failure) {
        return false;
    }

    /** Whether the statement waited for a row lock until the database's lock timeout. */
    boolean lockWaitTimedOut(SQLException failure) {
        return false;
    }

    /** Whether a rollback failed because the database had already ended the transaction itself. */
    boolean transactionAlreadyEnded(SQLException rollbackFailure) {
        return false;
    }

}
