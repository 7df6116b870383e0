package io.mtgo.storage.jpa;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationData;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;

/**
 * Column lists, JDBC parameter binding and entity-to-value mapping of the four tables, in one place
 * so the SQL and the entities cannot drift apart.
 */
final class Rows {

    static final List<String> SESSION_KEY = List.of("session_name");

    static final List<String> SESSION_COLUMNS = List.of("session_name", "dc_id", "server_address", "port", "test_mode",
            "auth_key", "api_id", "api_hash", "created_ms");

    static final List<String> PEER_KEY = List.of("session_name", "peer_id");

    static final List<String> PEER_COLUMNS = List.of("session_name", "peer_id", "peer_type", "access_hash", "username",
            "username_key", "usernames", "first_name", "last_name", "phone", "bot", "photo_id", "lang", "last_updated_ms",
            "min_peer");

    static final List<String> KV_KEY = List.of("session_name", "kv_key");

    static final List<String> KV_COLUMNS = List.of("session_name", "kv_key", "kv_value");

    static final List<String> CONVERSATION_KEY = List.of("session_name", "chat_id", "user_id");

    static final List<String> CONVERSATION_COLUMNS = List.of("session_name", "chat_id", "user_id", "dialog_name", "step", "data",
            "created_ms", "updated_ms");

    private Rows() {
    }

    static List<String> nonKey(List<String> columns, List<String> keys) {
        return columns.stream().filter(column -> !keys.contains(column)).toList();
    }

    static void bindSession(PreparedStatement statement, Session session, byte[] storedAuthKey) throws SQLException {
        statement.setString(1, session.name());
        statement.setInt(2, session.dcId());
        setString(statement, 3, session.serverAddress());
        statement.setInt(4, session.port());
        statement.setBoolean(5, session.testMode());
        setBytes(statement, 6, storedAuthKey);
        statement.setInt(7, session.apiId());
        setString(statement, 8, session.apiHash());
        statement.setLong(9, session.date());
    }

    static Session.Builder toSessionBuilder(SessionEntity row) {
        return Session.builder(row.sessionName)
            .dcId(row.dcId)
            .serverAddress(row.serverAddress)
            .port(row.port)
            .testMode(row.testMode)
            .apiId(row.apiId)
            .apiHash(row.apiHash)
            .date(row.date);
    }

    static void bindPeer(PreparedStatement statement, String sessionName, Peer peer) throws SQLException {
        statement.setString(1, sessionName);
        statement.setLong(2, peer.id());
        statement.setString(3, peer.type().name());
        statement.setLong(4, peer.accessHash());
        setString(statement, 5, peer.username());
        setString(statement, 6, Usernames.keyOf(peer.username()));
        setString(statement, 7, peer.usernames().isEmpty() ? null : String.join(",", peer.usernames()));
        setString(statement, 8, peer.firstName());
        setString(statement, 9, peer.lastName());
        setString(statement, 10, peer.phoneNumber());
        statement.setBoolean(11, peer.bot());
        statement.setLong(12, peer.photoId());
        setString(statement, 13, peer.language());
        statement.setLong(14, peer.lastUpdated());
        statement.setBoolean(15, peer.min());
    }

    static Peer toPeer(PeerEntity row) {
        return Peer.builder(row.id, PeerType.valueOf(row.type))
            .accessHash(row.accessHash)
            .username(row.username)
            .usernames((row.usernames != null) ? Arrays.asList(row.usernames.split(",")) : List.of())
            .firstName(row.firstName)
            .lastName(row.lastName)
            .phoneNumber(row.phone)
            .bot(row.bot)
            .photoId(row.photoId)
            .language(row.language)
            .lastUpdated(row.lastUpdated)
            .min(row.min)
            .build();
    }

    static void bindKv(PreparedStatement statement, String sessionName, String key, byte[] value) throws SQLException {
        statement.setString(1, sessionName);
        statement.setString(2, key);
        statement.setBytes(3, value);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    static void bindConversation(PreparedStatement statement, String sessionName, Conversation conversation, long createdAt)
            throws SQLException {
        statement.setString(1, sessionName);
        statement.setLong(2, conversation.chatId());
        statement.setLong(3, conversation.userId());
        setString(statement, 4, conversation.name());
        setString(statement, 5, conversation.step());
        statement.setString(6, ConversationData.encode(conversation.data()));
        statement.setLong(7, createdAt);
        statement.setLong(8, conversation.updatedAt());
    }

    static Conversation toConversation(ConversationEntity row) {
        return Conversation.builder(row.chatId, row.userId)
            .name(row.name)
            .step(row.step)
            .data(ConversationData.decode(row.data))
            .createdAt(row.createdAt)
            .updatedAt(row.updatedAt)
            .build();
    }

    private static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value != null) {
            statement.setString(index, value);
        }
        else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setBytes(PreparedStatement statement, int index, byte[] value) throws SQLException {
        if (value != null) {
            statement.setBytes(index, value);
        }
        else {
            statement.setNull(index, Types.VARBINARY);
        }
    }

}
