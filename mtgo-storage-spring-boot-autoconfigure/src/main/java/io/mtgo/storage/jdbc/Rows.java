package io.mtgo.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationData;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;
import org.jspecify.annotations.Nullable;

/**
 * JDBC parameter binding and row-to-value mapping of the four tables, in the column order of the
 * statements in {@link JdbcStatements} and the dialects' upserts.
 */
final class Rows {

    private Rows() {
    }

    static void bindSession(PreparedStatement statement, Session session, byte @Nullable [] storedAuthKey) throws SQLException {
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

    /** The session row's columns but the auth key, which the storage decodes itself (it may be sealed). */
    static Session.Builder toSessionBuilder(ResultSet row) throws SQLException {
        return Session.builder(row.getString(1))
            .dcId(row.getInt(2))
            .serverAddress(row.getString(3))
            .port(row.getInt(4))
            .testMode(row.getBoolean(5))
            .apiId(row.getInt(7))
            .apiHash(row.getString(8))
            .date(row.getLong(9));
    }

    static byte[] storedAuthKey(ResultSet row) throws SQLException {
        return row.getBytes(6);
    }

    /**
     * Binds a peer's row; without the peer's username when {@code keepsUsername} is false (another
     * peer claims it), and without its username key where the database derives it.
     */
    static void bindPeer(PreparedStatement statement, JdbcStorageDialect dialect, String sessionName, Peer peer, boolean keepsUsername,
            boolean withUsernameKey) throws SQLException {
        dialect.bindPeerSession(statement, 1, sessionName, true);
        statement.setLong(2, peer.id());
        dialect.bindPeerType(statement, 3, peer.type());
        statement.setLong(4, peer.accessHash());
        setString(statement, 5, keepsUsername ? peer.username() : null);
        int next = 6;
        if (withUsernameKey) {
            setString(statement, next++, keepsUsername ? Usernames.keyOf(peer) : null);
        }
        setString(statement, next++, joinedUsernames(peer));
        setString(statement, next++, peer.firstName());
        setString(statement, next++, peer.lastName());
        setString(statement, next++, peer.phoneNumber());
        statement.setBoolean(next++, peer.bot());
        statement.setLong(next++, peer.photoId());
        setString(statement, next++, peer.language());
        statement.setLong(next++, peer.lastUpdated());
        statement.setBoolean(next, peer.min());
    }

    /** For {@link JdbcStorageDialect#updatePeerInPlace()}: the row's new values but the username, then its key and the username it keeps. */
    static void bindPeerInPlace(PreparedStatement statement, JdbcStorageDialect dialect, String sessionName, Peer peer, boolean keepsUsername)
            throws SQLException {
        statement.setLong(1, peer.accessHash());
        setString(statement, 2, joinedUsernames(peer));
        setString(statement, 3, peer.firstName());
        setString(statement, 4, peer.lastName());
        setString(statement, 5, peer.phoneNumber());
        statement.setBoolean(6, peer.bot());
        statement.setLong(7, peer.photoId());
        setString(statement, 8, peer.language());
        statement.setLong(9, peer.lastUpdated());
        statement.setBoolean(10, peer.min());
        dialect.bindPeerSession(statement, 11, sessionName, true);
        dialect.bindPeerType(statement, 12, peer.type());
        statement.setLong(13, peer.id());
        setString(statement, 14, keepsUsername ? peer.username() : null);
    }

    private static @Nullable String joinedUsernames(Peer peer) {
        return peer.usernames().isEmpty() ? null : String.join(",", peer.usernames());
    }

    /** A peer's row, its text columns read as the dialect reads them. */
    static Peer toPeer(ResultSet row, JdbcStorageDialect dialect) throws SQLException {
        String usernames = dialect.text(row, 5);
        return Peer.builder(row.getLong(1), dialect.peerType(row, 2))
            .accessHash(row.getLong(3))
            .username(dialect.text(row, 4))
            .usernames((usernames != null) ? Arrays.asList(usernames.split(",")) : List.of())
            .firstName(dialect.text(row, 6))
            .lastName(dialect.text(row, 7))
            .phoneNumber(dialect.text(row, 8))
            .bot(row.getBoolean(9))
            .photoId(row.getLong(10))
            .language(dialect.text(row, 11))
            .lastUpdated(row.getLong(12))
            .min(row.getBoolean(13))
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

    static Conversation toConversation(ResultSet row, int rowNumber) throws SQLException {
        return Conversation.builder(row.getLong(2), row.getLong(3))
            .name(row.getString(4))
            .step(row.getString(5))
            .data(ConversationData.decode(row.getString(6)))
            .createdAt(row.getLong(7))
            .updatedAt(row.getLong(8))
            .build();
    }

    private static void setString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value != null) {
            statement.setString(index, value);
        }
        else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setBytes(PreparedStatement statement, int index, byte @Nullable [] value) throws SQLException {
        if (value != null) {
            statement.setBytes(index, value);
        }
        else {
            statement.setNull(index, Types.VARBINARY);
        }
    }

}
