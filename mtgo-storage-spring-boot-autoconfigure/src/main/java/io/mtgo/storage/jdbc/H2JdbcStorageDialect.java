package io.mtgo.storage.jdbc;

import java.sql.SQLException;

/**
 * H2: {@code MERGE ... KEY} replaces whole rows. When a column must keep its stored value, the
 * standard {@code MERGE ... USING}; H2 types that statement's {@code VALUES} parameters as text, so
 * it is only used for conversations, which have no binary column.
 */
final class H2JdbcStorageDialect extends JdbcStorageDialect {

    private static final String UPSERT_SESSION = """
            MERGE INTO %SCHEMA%mtgo_sessions (session_name, dc_id, server_address, port, test_mode, auth_key, api_id, api_hash,
                created_ms)
            KEY (session_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String UPSERT_PEER = """
            MERGE INTO %SCHEMA%mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            KEY (session_name, peer_type, peer_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String UPSERT_KV = """
            MERGE INTO %SCHEMA%mtgo_kv (session_name, kv_key, kv_value)
            KEY (session_name, kv_key)
            VALUES (?, ?, ?)
            """;

    private static final String UPSERT_CONVERSATION = """
            MERGE INTO %SCHEMA%mtgo_conversations (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            KEY (session_name, chat_id, user_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String UPSERT_CONVERSATION_KEEPING_CREATED_AT = """
            MERGE INTO %SCHEMA%mtgo_conversations t
            USING (VALUES (?, ?, ?, ?, ?, ?, ?, ?))
                s (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            ON (t.session_name = s.session_name AND t.chat_id = s.chat_id AND t.user_id = s.user_id)
            WHEN MATCHED THEN UPDATE SET dialog_name = s.dialog_name, step = s.step, data = s.data, updated_ms = s.updated_ms
            WHEN NOT MATCHED THEN INSERT (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
                VALUES (s.session_name, s.chat_id, s.user_id, s.dialog_name, s.step, s.data, s.created_ms, s.updated_ms)
            """;

    H2JdbcStorageDialect() {
        super(UPSERT_SESSION, UPSERT_PEER, UPSERT_KV, UPSERT_CONVERSATION, UPSERT_CONVERSATION_KEEPING_CREATED_AT);
    }

    /** The lock timeout (50200, one second by default) when Spring's translator did not classify it. */
    @Override
    boolean lostARace(SQLException failure) {
        return "HYT00".equals(failure.getSQLState()) && failure.getErrorCode() == 50200;
    }

}
