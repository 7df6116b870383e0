package io.mtgo.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.spi.UsernameClaims;

/**
 * Writes peers of one session with at most two JDBC batches, however many peers, following the
 * batch's {@link UsernameClaims}: first every claimed username is taken from whichever other peer
 * holds it, then every peer is upserted. Peers without a username cost no username statement: a
 * batch of them is one round trip.
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
        UsernameClaims plan = UsernameClaims.of(peers);
        List<Map.Entry<String, Peer>> claims = new ArrayList<>(plan.claims());
        run(this.statements.freeUsername, claims.size(), (statement, i) -> {
            Peer claimant = claims.get(i).getValue();
            statement.setString(1, sessionName);
            statement.setString(2, claims.get(i).getKey());
            statement.setString(3, claimant.type().name());
            statement.setLong(4, claimant.id());
        }, true);
        run(this.statements.upsertPeer, peers.size(), (statement, i) -> {
            Peer peer = peers.get(i);
            Rows.bindPeer(statement, sessionName, peer, plan.keepsUsername(peer) ? peer.username() : null);
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
