package io.mtgo.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Reads Telethon's {@code SQLiteSession} schema: one row in
 * {@code sessions(dc_id, server_address, port, auth_key, takeout_id)} and the entity cache
 * {@code entities(id, hash, username, phone, name, date)} keyed by marked ids. Telethon stores no
 * api id, test flag or user id; {@code sent_files} and {@code update_state} are not carried over
 * (the first is a file-upload cache, the second Telethon's own update bookkeeping).
 */
final class TelethonSessionFile {

    private static final String LIBRARY = "Telethon";

    private TelethonSessionFile() {
    }

    static SessionFile read(Connection connection, Set<String> tables, String sessionName) throws SQLException {
        Session session = readSession(connection, sessionName);
        SessionFiles.PeerCollector peers = new SessionFiles.PeerCollector();
        if (tables.contains("entities")) {
            readEntities(connection, SessionFiles.columns(connection, "entities").contains("date"), peers);
        }
        return new SessionFile(SessionFile.Library.TELETHON, session, 0, null, peers.peers(), peers.skipped());
    }

    private static Session readSession(Connection connection, String sessionName) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT dc_id, server_address, port, auth_key FROM sessions")) {
            if (!row.next()) {
                throw new IllegalArgumentException("Telethon session file holds no session row: it never connected");
            }
            byte[] authKey = SessionFiles.requireAuthKey(row.getBytes("auth_key"), LIBRARY);
            String address = row.getString("server_address");
            return SessionFiles.build(Session.builder(sessionName)
                .dcId(row.getInt("dc_id"))
                .serverAddress(address)
                .port(row.getInt("port"))
                // Telethon keeps no test flag; the test DCs' addresses are the only evidence.
                .testMode(TelegramDcAddresses.isTestAddress(address))
                .authKey(authKey), LIBRARY);
        }
    }

    private static void readEntities(Connection connection, boolean hasDate, SessionFiles.PeerCollector peers)
            throws SQLException {
        String query = "SELECT id, hash, username, phone, name" + (hasDate ? ", date" : "") + " FROM entities";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                MarkedPeerIds.Resolved resolved = MarkedPeerIds.resolve(rows.getLong("id"));
                if (resolved == null) {
                    peers.skip();
                    continue;
                }
                long date = hasDate ? rows.getLong("date") : 0;
                peers.add(Peer.builder(resolved.id(), resolved.type())
                    .accessHash(rows.getLong("hash"))
                    .username(rows.getString("username"))
                    .phoneNumber(rows.getString("phone"))
                    .firstName(SessionFiles.cosmeticText(rows.getString("name")))
                    // Telethon writes seconds; Storage keeps milliseconds.
                    .lastUpdated(Math.max(date, 0) * 1000));
            }
        }
    }

}
