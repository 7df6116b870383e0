package io.mtgo.storage.interop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.Session;

/**
 * Reads Telethon's {@code SQLiteSession} schema: one row in
 * {@code sessions(dc_id, server_address, port, auth_key, takeout_id)} and the entity cache
 * {@code entities(id, hash, username, phone, name, date)} keyed by marked ids (see {@link PeerIds}), so a
 * user, a chat and a channel with the same id are three rows and import as three peers. Telethon stores no
 * api id, test flag or user id; {@code sent_files} and {@code update_state} are not carried over
 * (the first is a file-upload cache, the second Telethon's own update bookkeeping).
 */
final class TelethonSessionFile {

    private static final String LIBRARY = "Telethon";

    private TelethonSessionFile() {
    }

    static ImportedSession read(Connection connection, Set<String> tables, String sessionName) throws SQLException {
        Session session = readSession(connection, sessionName);
        SessionFiles.PeerCollector peers = new SessionFiles.PeerCollector();
        if (tables.contains("entities")) {
            readEntities(connection, SessionFiles.columns(connection, "entities").contains("date"), peers);
        }
        return new ImportedSession(ImportedSession.Source.TELETHON_SESSION_FILE, session, 0, null, peers.peers(), peers.skipped());
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
        // Oldest first: the peers are saved in this order, so when stale rows still hold a username
        // that moved, the newest row claims it last and keeps it, as Telethon's own lookup decides
        // (get_entity_rows_by_username keeps the row with the newest date, a missing date counting as 0,
        // ties going to the last row in id order: `id` is the rowid, so a scan reads rows in id order).
        String query = "SELECT id, hash, username, phone, name" + (hasDate ? ", date" : "") + " FROM entities"
                + (hasDate ? " ORDER BY COALESCE(date, 0), id" : " ORDER BY id");
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                long markedId = rows.getLong("id");
                if (!PeerIds.isValidMarkedId(markedId)) {
                    peers.skip();
                    continue;
                }
                long date = hasDate ? rows.getLong("date") : 0;
                peers.add(Peer.builder(PeerIds.id(markedId), PeerIds.type(markedId))
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
