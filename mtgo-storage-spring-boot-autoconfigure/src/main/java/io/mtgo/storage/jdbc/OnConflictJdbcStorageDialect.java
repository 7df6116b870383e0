package io.mtgo.storage.jdbc;

/**
 * PostgreSQL (9.5+) and SQLite (3.24+) share the upsert syntax: {@code INSERT ... ON CONFLICT
 * (key) DO UPDATE}, where {@code excluded} is the row that was proposed.
 */
abstract sealed class OnConflictJdbcStorageDialect extends JdbcStorageDialect
        permits SqliteJdbcStorageDialect, PostgresJdbcStorageDialect {

    private static final String UPSERT_SESSION = """
            INSERT INTO %SCHEMA%mtgo_sessions (session_name, dc_id, server_address, port, test_mode, auth_key, api_id, api_hash,
                created_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_name) DO UPDATE SET dc_id = excluded.dc_id, server_address = excluded.server_address,
                port = excluded.port, test_mode = excluded.test_mode, auth_key = excluded.auth_key, api_id = excluded.api_id,
                api_hash = excluded.api_hash, created_ms = excluded.created_ms
            """;

    /** The peer upsert where every column is written, {@code username_key} too (PostgreSQL). */
    static final String UPSERT_PEER = """
            INSERT INTO %SCHEMA%mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_name, peer_type, peer_id) DO UPDATE SET access_hash = excluded.access_hash,
                username = excluded.username, username_key = excluded.username_key, usernames = excluded.usernames,
                first_name = excluded.first_name, last_name = excluded.last_name, phone = excluded.phone, bot = excluded.bot,
                photo_id = excluded.photo_id, lang = excluded.lang, last_updated_ms = excluded.last_updated_ms,
                min_peer = excluded.min_peer
            """;

    private static final String UPSERT_KV = """
            INSERT INTO %SCHEMA%mtgo_kv (session_name, kv_key, kv_value)
            VALUES (?, ?, ?)
            ON CONFLICT (session_name, kv_key) DO UPDATE SET kv_value = excluded.kv_value
            """;

    private static final String UPSERT_CONVERSATION = """
            INSERT INTO %SCHEMA%mtgo_conversations (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_name, chat_id, user_id) DO UPDATE SET dialog_name = excluded.dialog_name, step = excluded.step,
                data = excluded.data, created_ms = excluded.created_ms, updated_ms = excluded.updated_ms
            """;

    private static final String UPSERT_CONVERSATION_KEEPING_CREATED_AT = """
            INSERT INTO %SCHEMA%mtgo_conversations (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_name, chat_id, user_id) DO UPDATE SET dialog_name = excluded.dialog_name, step = excluded.step,
                data = excluded.data, updated_ms = excluded.updated_ms
            """;

    /** @param upsertPeer the peer upsert, {@link #UPSERT_PEER} or one without the columns the database derives */
    OnConflictJdbcStorageDialect(String upsertPeer) {
        super(UPSERT_SESSION, upsertPeer, UPSERT_KV, UPSERT_CONVERSATION, UPSERT_CONVERSATION_KEEPING_CREATED_AT);
    }

}
