package io.mtgo.storage.interop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import org.jspecify.annotations.Nullable;

/**
 * Reads Pyrogram's {@code FileStorage} schema: one row in
 * {@code sessions(dc_id, api_id, test_mode, auth_key, date, user_id, is_bot)} (newer releases and
 * forks add {@code server_address} and {@code port}) and the peer cache
 * {@code peers(id, access_hash, type, username, phone_number, last_update_on)}, whose usernames
 * newer releases keep in a separate {@code usernames(id, username)} table. Peer ids are marked
 * (Bot API style) and {@code type} is {@code user}, {@code bot}, {@code group}, {@code channel} or
 * {@code supergroup}.
 */
final class PyrogramSessionFile {

    private static final String LIBRARY = "Pyrogram";

    private PyrogramSessionFile() {
    }

    static ImportedSession read(Connection connection, Set<String> tables, Set<String> sessionColumns, String sessionName)
            throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT * FROM sessions")) {
            if (!row.next()) {
                throw new IllegalArgumentException("Pyrogram session file holds no session row: it never connected");
            }
            byte[] authKey = SessionFiles.requireAuthKey(row.getBytes("auth_key"), LIBRARY);
            int dcId = row.getInt("dc_id");
            boolean testMode = row.getInt("test_mode") != 0;
            String address = sessionColumns.contains("server_address") ? row.getString("server_address") : null;
            int port = sessionColumns.contains("port") ? row.getInt("port") : 0;
            if (address == null) {
                // Pyrogram itself connects by its DC table; take the same address.
                address = TelegramDcAddresses.ipv4(dcId, testMode);
                port = (address != null) ? TelegramDcAddresses.PORT : 0;
            }
            Session session = SessionFiles.build(Session.builder(sessionName)
                .dcId(dcId)
                .serverAddress(address)
                .port(port)
                .testMode(testMode)
                .authKey(authKey)
                .apiId(sessionColumns.contains("api_id") ? row.getInt("api_id") : 0)
                // Pyrogram writes seconds; Storage keeps milliseconds.
                .date(Math.max(row.getLong("date"), 0) * 1000), LIBRARY);
            long userId = row.getLong("user_id");
            Boolean bot = booleanOrNull(row, "is_bot");
            SessionFiles.PeerCollector peers = new SessionFiles.PeerCollector();
            if (tables.contains("peers")) {
                Map<Long, List<String>> usernames = tables.contains("usernames") ? readUsernames(connection) : Map.of();
                readPeers(connection, SessionFiles.columns(connection, "peers").contains("username"), usernames, peers);
            }
            return new ImportedSession(ImportedSession.Source.PYROGRAM_SESSION_FILE, session, userId, bot, peers.peers(), peers.skipped());
        }
    }

    private static @Nullable Boolean booleanOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value != 0;
    }

    private static Map<Long, List<String>> readUsernames(Connection connection) throws SQLException {
        Map<Long, List<String>> usernames = new HashMap<>();
        // rowid order is insertion order: Pyrogram writes a peer's primary username first.
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, username FROM usernames WHERE username IS NOT NULL ORDER BY rowid")) {
            while (rows.next()) {
                usernames.computeIfAbsent(rows.getLong("id"), (id) -> new ArrayList<>()).add(rows.getString("username"));
            }
        }
        return usernames;
    }

    private static void readPeers(Connection connection, boolean hasUsernameColumn, Map<Long, List<String>> usernames,
            SessionFiles.PeerCollector peers) throws SQLException {
        // Oldest first, so that of stale rows still holding a username that moved, the newest claims it
        // last and keeps it: Pyrogram's get_peer_by_username also takes the newest last_update_on.
        String query = "SELECT id, access_hash, type, phone_number, last_update_on" + (hasUsernameColumn ? ", username" : "")
                + " FROM peers ORDER BY last_update_on, id";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                long markedId = rows.getLong("id");
                String type = rows.getString("type");
                if (!PeerIds.isValidMarkedId(markedId) || PeerIds.type(markedId) != typeOf(type)) {
                    peers.skip();
                    continue;
                }
                List<String> names = new ArrayList<>();
                String primary = hasUsernameColumn ? rows.getString("username") : null;
                if (primary != null) {
                    names.add(primary);
                }
                for (String name : usernames.getOrDefault(markedId, List.of())) {
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
                peers.add(Peer.builder(PeerIds.id(markedId), PeerIds.type(markedId))
                    .accessHash(rows.getLong("access_hash"))
                    .username(names.isEmpty() ? null : names.get(0))
                    .usernames(names)
                    .phoneNumber(rows.getString("phone_number"))
                    .bot("bot".equals(type))
                    .lastUpdated(Math.max(rows.getLong("last_update_on"), 0) * 1000));
            }
        }
    }

    private static @Nullable PeerType typeOf(@Nullable String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "user", "bot" -> PeerType.USER;
            case "group" -> PeerType.CHAT;
            case "channel", "supergroup" -> PeerType.CHANNEL;
            default -> null;
        };
    }

}
