package io.mtgo.storage.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;

/**
 * Writes peers of one session with at most two JDBC batches, however many peers: first every
 * claimed username is taken from whichever other peer holds it, then every peer is upserted.
 * Because all claimed usernames are free before the first upsert, no upsert can hit the unique
 * username index, in any order. Within one call a username claimed twice goes to the last
 * claimant, as if the peers were saved one after another. Peers without a username cost no
 * username statement: a batch of them is one round trip.
 */
final class PeerWriter {

    private final JdbcAccess access;

    private final JdbcStatements statements;

    PeerWriter(JdbcAccess access, JdbcStatements statements) {
        this.access = access;
        this.statements = statements;
    }

    /**
     * @param peers merged peers (min rule already applied), distinct by type and id
     */
    void write(String sessionName, List<Peer> peers) {
        Map<String, Peer> finalHolders = new LinkedHashMap<>();
        for (Peer peer : peers) {
            String key = Usernames.keyOf(peer.username());
            if (key != null) {
                finalHolders.put(key, peer);
            }
        }
        List<Map.Entry<String, Peer>> claims = new ArrayList<>(finalHolders.entrySet());
        run(this.statements.freeUsername, claims.size(), (statement, i) -> {
            Peer claimant = claims.get(i).getValue();
            statement.setString(1, sessionName);
            statement.setString(2, claims.get(i).getKey());
            statement.setString(3, claimant.type().name());
            statement.setLong(4, claimant.id());
        }, true);
        run(this.statements.upsertPeer, peers.size(), (statement, i) -> {
            Peer peer = peers.get(i);
            String key = Usernames.keyOf(peer.username());
            boolean keepsUsername = key == null || finalHolders.get(key) == peer;
            Rows.bindPeer(statement, sessionName, peer, keepsUsername ? peer.username() : null);
        }, false);
    }

    /** One row is one plain statement: a batch of one costs the same round trip plus batch overhead. */
    private void run(String sql, int rows, JdbcAccess.RowBinder binder, boolean keyLookup) {
        if (rows == 0) {
            return;
        }
        JdbcStorageDialect dialect = this.access.dialect();
        if (rows == 1) {
            this.access.update(sql, statement -> {
                if (keyLookup) {
                    dialect.prepareKeyLookup(statement);
                }
                binder.bind(statement, 0);
            });
            return;
        }
        this.access.batch(sql, rows, (statement, row) -> {
            if (keyLookup && row == 0) {
                dialect.prepareKeyLookup(statement);
            }
            binder.bind(statement, row);
        });
    }

}
