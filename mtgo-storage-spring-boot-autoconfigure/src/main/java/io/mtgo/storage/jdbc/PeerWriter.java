package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;

/**
 * Writes peers of one session in one transaction with two JDBC batches, however many peers:
 * first every claimed username is taken from whoever holds it, then every peer is upserted. Because
 * all claimed usernames are free before the first upsert, no upsert can hit the unique username
 * index, in any order. Within one call a username claimed twice goes to the last claimant, as if
 * the peers were saved one after another.
 */
final class PeerWriter {

    private static final String FREE_USERNAME = "UPDATE mtgo_peers SET username = NULL, username_key = NULL "
            + "WHERE session_name = ? AND username_key = ?";

    private PeerWriter() {
    }

    /**
     * @param peers merged peers (min rule already applied), distinct ids
     */
    static void write(Connection connection, String upsertSql, String sessionName, List<Peer> peers) throws SQLException {
        if (peers.size() == 1) {
            writeOne(connection, upsertSql, sessionName, peers.get(0));
            return;
        }
        Map<String, Long> finalHolder = new HashMap<>();
        for (Peer peer : peers) {
            String key = Usernames.keyOf(peer.username());
            if (key != null) {
                finalHolder.put(key, peer.markedId());
            }
        }
        Set<String> claimed = new LinkedHashSet<>(finalHolder.keySet());
        if (!claimed.isEmpty()) {
            try (PreparedStatement free = connection.prepareStatement(FREE_USERNAME)) {
                for (String key : claimed) {
                    free.setString(1, sessionName);
                    free.setString(2, key);
                    add(free, claimed.size());
                }
                execute(free, claimed.size());
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
            for (Peer peer : peers) {
                Rows.bindPeer(upsert, sessionName, losesUsername(peer, finalHolder) ? peer.toBuilder().username(null).build() : peer);
                add(upsert, peers.size());
            }
            execute(upsert, peers.size());
        }
    }

    /** The common case (a peer from one update): the same two steps without the batch bookkeeping. */
    private static void writeOne(Connection connection, String upsertSql, String sessionName, Peer peer) throws SQLException {
        String key = Usernames.keyOf(peer.username());
        if (key != null) {
            try (PreparedStatement free = connection.prepareStatement(FREE_USERNAME)) {
                free.setString(1, sessionName);
                free.setString(2, key);
                free.executeUpdate();
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
            Rows.bindPeer(upsert, sessionName, peer);
            upsert.executeUpdate();
        }
    }

    private static boolean losesUsername(Peer peer, Map<String, Long> finalHolder) {
        String key = Usernames.keyOf(peer.username());
        return key != null && finalHolder.get(key) != peer.markedId();
    }

    /** A single statement runs directly: a batch of one costs the same round trip plus batch overhead. */
    private static void add(PreparedStatement statement, int size) throws SQLException {
        if (size > 1) {
            statement.addBatch();
        }
    }

    private static void execute(PreparedStatement statement, int size) throws SQLException {
        if (size > 1) {
            statement.executeBatch();
        }
        else {
            statement.executeUpdate();
        }
    }

}
