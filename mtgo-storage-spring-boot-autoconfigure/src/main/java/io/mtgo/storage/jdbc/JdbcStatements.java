package io.mtgo.storage.jdbc;


import org.jspecify.annotations.Nullable;

/**
 * Every statement the JDBC store sends, as text: those all databases share are the constants
 * below, the upserts and the row-locking suffix come from the {@link JdbcStorageDialect}. Built
 * once per store, with {@code %SCHEMA%} replaced by the configured schema ({@code schema.}) or
 * nothing. The {@code SELECT}s list columns in the order {@link Rows} reads them.
 */
final class JdbcStatements {

    private static final String SCHEMA_PLACEHOLDER = "%SCHEMA%";

    /** The peer table's session column ({@link JdbcStorageDialect#peerSessionColumn()}). */
    private static final String PEER_SESSION_PLACEHOLDER = "%PEER_SESSION%";



    private static final String SESSION_COLUMNS = """
            session_name, dc_id, server_address, port, test_mode, auth_key, api_id, api_hash, created_ms""";

    /** What a {@code Peer} is read from: not the session name or the username key (on SQLite every column read is a call into the driver's native code). */
    private static final String PEER_COLUMNS = """
            peer_id, peer_type, access_hash, username, usernames, first_name, last_name, phone, bot, photo_id, lang, last_updated_ms,
            min_peer""";

    private static final String CONVERSATION_COLUMNS = """
            session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms""";

    private static final String LOAD_SESSION = "SELECT " + SESSION_COLUMNS + """

            FROM %SCHEMA%mtgo_sessions
            WHERE session_name = ?
            """;

    /** Every session that holds anything, with or without a session record (for copies). */
    private static final String SESSION_NAMES = """
            SELECT session_name FROM %SCHEMA%mtgo_sessions
            UNION %SESSIONS_WITH_PEERS%
            UNION SELECT session_name FROM %SCHEMA%mtgo_kv
            UNION SELECT session_name FROM %SCHEMA%mtgo_conversations
            """;

    private static final String DELETE_SESSION_PEERS = """
            DELETE FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ?
            """;

    private static final String DELETE_SESSION_KV = """
            DELETE FROM %SCHEMA%mtgo_kv
            WHERE session_name = ?
            """;

    private static final String DELETE_SESSION_CONVERSATIONS = """
            DELETE FROM %SCHEMA%mtgo_conversations
            WHERE session_name = ?
            """;

    private static final String DELETE_SESSION = """
            DELETE FROM %SCHEMA%mtgo_sessions
            WHERE session_name = ?
            """;

    private static final String LOAD_PEER = "SELECT " + PEER_COLUMNS + """

            FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ? AND peer_type = ? AND peer_id = ?
            """;

    private static final String LOAD_PEER_BY_USERNAME = "SELECT " + PEER_COLUMNS + """

            FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ? AND username_key = ?
            """;

    /**
     * One page of a session's peers of one type after an id, in id order: keyset paging on the primary
     * key, one type at a time, so every page is an index range however deep the walk is. (With
     * {@code peer_type > ? OR (peer_type = ? AND peer_id > ?)} PostgreSQL and SQLite used only the
     * session of the key and read every row before the cursor again: 2.4 s a page deep into a session
     * of 1,000,000 peers.) The first page starts after id 0.
     */
    private static final String PEER_PAGE = "SELECT " + PEER_COLUMNS + """

            FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ? AND peer_type = ? AND peer_id > ?
            ORDER BY peer_id
            LIMIT ?
            """;

    private static final String ALL_PEERS = "SELECT " + PEER_COLUMNS + """

            FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ?
            """;

    /**
     * Takes a username from the other peer that holds it, before the claimant's upsert. The
     * claimant's own row is left alone: re-saving a peer under its current username (the common
     * case) then writes its row once, not twice.
     */
    private static final String FREE_USERNAME = """
            UPDATE %SCHEMA%mtgo_peers
            SET %CLEARED%
            WHERE %PEER_SESSION% = ? AND username_key = ? AND NOT (peer_type = ? AND peer_id = ?)
            """;

    private static final String DELETE_PEER = """
            DELETE FROM %SCHEMA%mtgo_peers
            WHERE %PEER_SESSION% = ? AND peer_type = ? AND peer_id = ?
            """;

    private static final String LOAD_KV = """
            SELECT kv_value
            FROM %SCHEMA%mtgo_kv
            WHERE session_name = ? AND kv_key = ?
            """;

    private static final String ALL_KV = """
            SELECT kv_key, kv_value
            FROM %SCHEMA%mtgo_kv
            WHERE session_name = ?
            """;

    private static final String LOAD_CONVERSATION = "SELECT " + CONVERSATION_COLUMNS + """

            FROM %SCHEMA%mtgo_conversations
            WHERE session_name = ? AND chat_id = ? AND user_id = ?
            """;

    private static final String ALL_CONVERSATIONS = "SELECT " + CONVERSATION_COLUMNS + """

            FROM %SCHEMA%mtgo_conversations
            WHERE session_name = ?
            """;

    private static final String DELETE_CONVERSATION = """
            DELETE FROM %SCHEMA%mtgo_conversations
            WHERE session_name = ? AND chat_id = ? AND user_id = ?
            """;

    final String upsertSession;

    final String loadSession;

    final String sessionNames;

    /** Binds the session as the peer table names it ({@link JdbcStorageDialect#bindPeerSession}). */
    final String deleteSessionPeers;

    /** After {@link #deleteSessionPeers}, in the order that keeps foreign-key-like dependencies sound: the session row goes last. */
    final String[] deleteSessionRest;

    final String upsertPeer;

    /** See {@link JdbcStorageDialect#updatePeerInPlace()}. */
    final @Nullable String updatePeerInPlace;

    final String loadPeer;

    final String lockPeer;

    final String loadPeerByUsername;

    final String allPeers;

    final String peerPage;

    final String freeUsername;

    final String deletePeer;

    final String upsertKv;

    final String loadKv;

    final String allKv;

    final String upsertConversation;

    final String upsertConversationKeepingCreatedAt;

    final String loadConversation;

    final String allConversations;

    final String deleteConversation;

    /** {@code schema.} or nothing: what qualifies the library's table names. */
    final String tablePrefix;

    JdbcStatements(JdbcStorageDialect dialect, @Nullable String schema) {
        String prefix = (schema != null) ? requireIdentifier(schema) + "." : "";
        this.tablePrefix = prefix;
        this.upsertSession = qualify(dialect.upsertSession(), prefix);
        this.loadSession = qualify(LOAD_SESSION, prefix);
        this.sessionNames = qualify(SESSION_NAMES.replace("%SESSIONS_WITH_PEERS%", dialect.sessionsWithPeers()), prefix);
        this.deleteSessionPeers = qualifyPeers(DELETE_SESSION_PEERS, dialect, prefix);
        this.deleteSessionRest = new String[] { qualify(DELETE_SESSION_KV, prefix), qualify(DELETE_SESSION_CONVERSATIONS, prefix),
                qualify(DELETE_SESSION, prefix) };
        this.upsertPeer = qualify(dialect.upsertPeer(), prefix);
        String inPlace = dialect.updatePeerInPlace();
        this.updatePeerInPlace = (inPlace != null) ? qualify(inPlace, prefix) : null;
        this.loadPeer = qualifyPeers(LOAD_PEER, dialect, prefix);
        this.lockPeer = this.loadPeer.stripTrailing() + dialect.forUpdate();
        this.loadPeerByUsername = qualifyPeers(LOAD_PEER_BY_USERNAME, dialect, prefix);
        this.allPeers = qualifyPeers(ALL_PEERS, dialect, prefix);
        this.peerPage = qualifyPeers(PEER_PAGE, dialect, prefix);
        this.freeUsername = qualifyPeers(FREE_USERNAME, dialect, prefix)
            .replace("%CLEARED%", dialect.derivesUsernameKey() ? "username = NULL" : "username = NULL, username_key = NULL");
        this.deletePeer = qualifyPeers(DELETE_PEER, dialect, prefix);
        this.upsertKv = qualify(dialect.upsertKv(), prefix);
        this.loadKv = qualify(LOAD_KV, prefix);
        this.allKv = qualify(ALL_KV, prefix);
        this.upsertConversation = qualify(dialect.upsertConversation(), prefix);
        this.upsertConversationKeepingCreatedAt = qualify(dialect.upsertConversationKeepingCreatedAt(), prefix);
        this.loadConversation = qualify(LOAD_CONVERSATION, prefix);
        this.allConversations = qualify(ALL_CONVERSATIONS, prefix);
        this.deleteConversation = qualify(DELETE_CONVERSATION, prefix);
    }

    /**
     * Checks a schema name before it becomes part of every statement.
     * @throws IllegalArgumentException when it is not a plain identifier
     */
    static String requireIdentifier(String schema) {
        String valid = JdbcSchema.requireValidSchema(schema, "schema");
        if (valid == null) {
            throw new IllegalArgumentException("schema must not be blank");
        }
        return valid;
    }

    private static String qualify(String sql, String prefix) {
        return sql.replace(SCHEMA_PLACEHOLDER, prefix);
    }

    /** For a statement on {@code mtgo_peers}: its session column is the dialect's. */
    private static String qualifyPeers(String sql, JdbcStorageDialect dialect, String prefix) {
        return qualify(sql, prefix).replace(PEER_SESSION_PLACEHOLDER, dialect.peerSessionColumn());
    }

}
