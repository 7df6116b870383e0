package io.mtgo.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.spi.UsernameClaims;
import org.jspecify.annotations.Nullable;

/**
 * Writes peers of one session with at most two statements or JDBC batches, however many peers,
 * following the batch's {@link UsernameClaims}: first every claimed username is taken from whichever
 * other peer holds it, then every peer is upserted. Peers without a username cost no username
 * statement: a batch of them is one upsert. Where the dialect has a set-based form
 * ({@link JdbcStorageDialect#freeUsernames}, {@link JdbcStorageDialect#upsertPeers}: PostgreSQL's
 * arrays, MariaDB's {@code IN} lists) a batch is one statement each instead of one per peer.
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
        JdbcStorageDialect dialect = this.access.dialect();
        // Every claimed username is free before the first upsert.
        if (claims.size() < 2 || !dialect.freeUsernames(this.access, this.statements.tablePrefix, sessionName, claims)) {
            run(this.statements.freeUsername, claims.size(), (statement, i) -> {
                Peer claimant = claims.get(i).getValue();
                statement.setString(1, sessionName);
                statement.setString(2, claims.get(i).getKey());
                statement.setString(3, claimant.type().name());
                statement.setLong(4, claimant.id());
            }, true);
        }
        if (peers.size() < 2 || !dialect.upsertPeers(this.access, this.statements.tablePrefix, sessionName, peers,
                peer -> keptUsername(peer, plan))) {
            run(this.statements.upsertPeer, peers.size(), (statement, i) -> {
                Peer peer = peers.get(i);
                Rows.bindPeer(statement, sessionName, peer, keptUsername(peer, plan));
            }, false);
        }
    }

    /** The username a peer's row keeps: its own, unless a later peer of the batch claims it. */
    private static @Nullable String keptUsername(Peer peer, UsernameClaims plan) {
        return plan.keepsUsername(peer) ? peer.username() : null;
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
