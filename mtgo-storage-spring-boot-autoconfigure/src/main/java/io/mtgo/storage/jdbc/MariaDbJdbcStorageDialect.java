package io.mtgo.storage.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB and MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}. It fires on any unique key, not
 * only the primary key; the store frees a claimed username before the upsert, so only the primary
 * key can collide. {@code VALUES(column)} rather than a row alias: MariaDB has no row alias.
 */
final class MariaDbJdbcStorageDialect extends JdbcStorageDialect {

    /** MariaDB Connector/J's connection, whose {@code prepareInternal} chooses the protocol per statement. */
    private static final @Nullable Class<?> MARIADB_CONNECTION = DriverClasses.find("org.mariadb.jdbc.Connection");

    private static final @Nullable MethodHandle PREPARE_INTERNAL = prepareInternal();

    private final @Nullable KeptStatements serverStatements = (MARIADB_CONNECTION != null && PREPARE_INTERNAL != null)
            ? new KeptStatements(MARIADB_CONNECTION.asSubclass(Connection.class), MariaDbJdbcStorageDialect::prepareOnServer) : null;

    private static final String UPSERT_SESSION = """
            INSERT INTO %SCHEMA%mtgo_sessions (session_name, dc_id, server_address, port, test_mode, auth_key, api_id, api_hash,
                created_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE dc_id = VALUES(dc_id), server_address = VALUES(server_address), port = VALUES(port),
                test_mode = VALUES(test_mode), auth_key = VALUES(auth_key), api_id = VALUES(api_id), api_hash = VALUES(api_hash),
                created_ms = VALUES(created_ms)
            """;

    private static final String UPSERT_PEER = """
            INSERT INTO %SCHEMA%mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE access_hash = VALUES(access_hash), username = VALUES(username),
                username_key = VALUES(username_key), usernames = VALUES(usernames), first_name = VALUES(first_name),
                last_name = VALUES(last_name), phone = VALUES(phone), bot = VALUES(bot), photo_id = VALUES(photo_id),
                lang = VALUES(lang), last_updated_ms = VALUES(last_updated_ms), min_peer = VALUES(min_peer)
            """;

    private static final String UPSERT_KV = """
            INSERT INTO %SCHEMA%mtgo_kv (session_name, kv_key, kv_value)
            VALUES (?, ?, ?)
            ON DUPLICATE KEY UPDATE kv_value = VALUES(kv_value)
            """;

    private static final String UPSERT_CONVERSATION = """
            INSERT INTO %SCHEMA%mtgo_conversations (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE dialog_name = VALUES(dialog_name), step = VALUES(step), data = VALUES(data),
                created_ms = VALUES(created_ms), updated_ms = VALUES(updated_ms)
            """;

    private static final String UPSERT_CONVERSATION_KEEPING_CREATED_AT = """
            INSERT INTO %SCHEMA%mtgo_conversations (session_name, chat_id, user_id, dialog_name, step, data, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE dialog_name = VALUES(dialog_name), step = VALUES(step), data = VALUES(data),
                updated_ms = VALUES(updated_ms)
            """;

    /**
     * The tables are utf8mb4 whatever the database's default, but the server converts text to and
     * from the connection's character set: MySQL Connector/J with {@code characterEncoding=latin1},
     * or {@code SET NAMES latin1} in the pool's init SQL, turned every Cyrillic letter and emoji into
     * {@code ?} without an error (and two sessions named by different emoji into one), a utf8mb3
     * connection did the same to emoji.
     */
    @Override
    void requireUnicodeText(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement
            .executeQuery("SELECT DATABASE(), @@character_set_client, @@character_set_connection, @@character_set_results")) {
            row.next();
            for (int column = 2; column <= 4; column++) {
                String charset = row.getString(column);
                boolean unconverted = column == 4 && (charset == null || "binary".equalsIgnoreCase(charset));
                if (!unconverted && !"utf8mb4".equalsIgnoreCase(charset)) {
                    throw new IllegalStateException("The connection to MariaDB/MySQL database '" + row.getString(1) + "' has "
                            + row.getMetaData().getColumnLabel(column).replace("@@", "") + "=" + charset
                            + ", which replaces the characters it cannot hold (emoji, other scripts) with '?'; mtgo-storage needs "
                            + "utf8mb4: remove what sets another character set (characterEncoding, sessionVariables or "
                            + "connectionCollation in spring.datasource.url, SET NAMES in the pool's connection-init-sql), or set "
                            + "characterEncoding=UTF-8 for MySQL Connector/J");
                }
            }
        }
    }

    /**
     * Prepares on the server once per connection and keeps the statement: the server parses it once
     * and then only executes it in the binary protocol, where the driver's default
     * ({@code useServerPrepStmts=false}) sends the whole text for the server to parse on every call.
     * The driver keeps server-side statements only when the application turned on both
     * {@code useServerPrepStmts} and {@code cachePrepStmts}, so the store keeps them itself, per
     * physical connection ({@link KeptStatements}); they close with their connection. Other
     * drivers (MySQL's) are left alone.
     */
    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (this.serverStatements == null || !connection.isWrapperFor(MARIADB_CONNECTION)) {
            return connection.prepareStatement(sql);
        }
        return this.serverStatements.prepare(connection, sql);
    }

    private static PreparedStatement prepareOnServer(Connection physical, String sql) throws SQLException {
        MethodHandle prepareInternal = PREPARE_INTERNAL;
        if (prepareInternal == null) {
            return physical.prepareStatement(sql);
        }
        try {
            return (PreparedStatement) prepareInternal.invoke(physical, sql, Statement.NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY, true);
        }
        catch (SQLException | RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new SQLException("Could not prepare on the server through MariaDB Connector/J", ex);
        }
    }

    private static @Nullable MethodHandle prepareInternal() {
        if (MARIADB_CONNECTION == null) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findVirtual(MARIADB_CONNECTION, "prepareInternal", MethodType.methodType(
                    PreparedStatement.class, String.class, int.class, int.class, int.class, boolean.class));
        }
        catch (ReflectiveOperationException ex) {
            return null;
        }
    }

    /** Largest number of usernames one statement frees; smaller chunks are powers of two, so few texts recur. */
    private static final int MAX_CLAIMS_PER_STATEMENT = 256;

    MariaDbJdbcStorageDialect() {
        super(UPSERT_SESSION, UPSERT_PEER, UPSERT_KV, UPSERT_CONVERSATION, UPSERT_CONVERSATION_KEEPING_CREATED_AT);
    }

    /**
     * One {@code UPDATE} per chunk of claims instead of one per claim: the usernames in an
     * {@code IN} list (a range of the unique username index), each claimant's own row excluded by a
     * row-value {@code NOT IN}. Text protocol by default, so each is one statement the server parses
     * once; chunk sizes are powers of two so that an application with {@code useServerPrepStmts}
     * prepares at most nine texts.
     */
    /** {@code ON DUPLICATE KEY UPDATE} would update the row holding the username instead of failing. */
    @Override
    boolean upsertRefusesTakenUsername() {
        return false;
    }

    @Override
    boolean freeUsernames(JdbcAccess access, String tablePrefix, String sessionName, List<Map.Entry<String, Peer>> claims) {
        int from = 0;
        while (from < claims.size()) {
            int size = Math.min(MAX_CLAIMS_PER_STATEMENT, Integer.highestOneBit(claims.size() - from));
            List<Map.Entry<String, Peer>> chunk = claims.subList(from, from + size);
            access.update(freeUsernamesSql(tablePrefix, size), statement -> {
                int p = 1;
                statement.setString(p++, sessionName);
                for (Map.Entry<String, Peer> claim : chunk) {
                    statement.setString(p++, claim.getKey());
                }
                for (Map.Entry<String, Peer> claim : chunk) {
                    statement.setString(p++, claim.getKey());
                    statement.setString(p++, claim.getValue().type().name());
                    statement.setLong(p++, claim.getValue().id());
                }
            });
            from += size;
        }
        return true;
    }

    private static String freeUsernamesSql(String tablePrefix, int claims) {
        StringBuilder sql = new StringBuilder(64 + claims * 14).append("UPDATE ")
            .append(tablePrefix)
            .append("mtgo_peers SET username = NULL, username_key = NULL WHERE session_name = ? AND username_key IN (");
        for (int i = 0; i < claims; i++) {
            sql.append((i == 0) ? "?" : ", ?");
        }
        sql.append(") AND (username_key, peer_type, peer_id) NOT IN (");
        for (int i = 0; i < claims; i++) {
            sql.append((i == 0) ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        return sql.append(')').toString();
    }

    /** The lock wait timeout (1205), reported with the generic SQL state HY000. */
    @Override
    boolean lostARace(SQLException failure) {
        return lockWaitTimedOut(failure);
    }

    /** 1205, with SQL state HY000 from MariaDB's driver and 40001 from MySQL Connector/J. */
    @Override
    boolean lockWaitTimedOut(SQLException failure) {
        return failure.getErrorCode() == 1205;
    }

}
