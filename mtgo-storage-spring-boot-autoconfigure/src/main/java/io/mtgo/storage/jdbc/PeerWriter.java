package io.mtgo.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mtgo.storage.Peer;
import io.mtgo.storage.spi.UsernameClaims;
import org.springframework.dao.DataAccessException;

/**
 * Writes peers of one session with at most two statements or JDBC batches, however many peers,
 * following the batch's {@link UsernameClaims}: first every claimed username is taken from whichever
 * other peer holds it, then every peer is upserted. Peers without a username cost no username
 * statement: a batch of them is one upsert. Where the dialect has a set-based form
 * ({@link JdbcStorageDialect#freeUsernames}, {@link JdbcStorageDialect#upsertPeers}: PostgreSQL's
 * arrays, MariaDB's {@code IN} lists) a batch is one statement each instead of one per peer.
 * <p>
 * A claimed username is nearly always free or the peer's own already, so where the database
 * refuses an upsert that would take another peer's username, {@link #save} upserts first and frees
 * usernames only when refused: a single peer is then one statement in auto-commit, and so is a
 * batch on PostgreSQL, a batch elsewhere half the statements. On SQLite a known peer that keeps its
 * username is rewritten by an {@code UPDATE} that leaves the username index alone, before any of that.
 */
final class PeerWriter {

    private final JdbcAccess access;

    private final JdbcStatements statements;

    PeerWriter(JdbcAccess access, JdbcStatements statements) {
        this.access = access;
        this.statements = statements;
    }

    /**
     * Saves peers that need no merge with their stored rows (no min peer among them), in a
     * transaction of their own unless they are one statement, or in the caller's transaction.
     * Where the dialect can, known peers that keep their username are rewritten in place first
     * ({@link JdbcStorageDialect#updatePeerInPlace}); the others are upserted, usernames freed only
     * when the database refuses one.
     * @param peers distinct by type and id, none of them min
     */
    void save(String sessionName, List<Peer> peers) {
        UsernameClaims plan = UsernameClaims.of(peers);
        boolean single = peers.size() == 1;
        if (single && this.statements.updatePeerInPlace != null
                && this.access.tryWriteStatement(sessionName, () -> notUpdatedInPlace(sessionName, peers, plan).isEmpty())) {
            return;
        }
        if (single && plan.claims().isEmpty()) {
            this.access.writeStatement(() -> upsert(sessionName, peers, plan));
            return;
        }
        JdbcStorageDialect dialect = this.access.dialect();
        boolean oneStatement = single || dialect.upsertsPeersInOneStatement();
        boolean upsertFirst = dialect.upsertRefusesTakenUsername() && this.access.mayContinueAfterFailedStatement(oneStatement);
        // Writers of a session take turns, as in writeAtomically: an upsert that waits for a username
        // another writer's transaction holds, while holding a row that transaction needs, deadlocks.
        if (upsertFirst && oneStatement
                && this.access.tryWriteStatement(sessionName, () -> upsertUnlessUsernameTaken(sessionName, peers, plan))) {
            return;
        }
        this.access.writeAtomically(sessionName, () -> {
            List<Peer> rest = (single || this.statements.updatePeerInPlace == null) ? peers : notUpdatedInPlace(sessionName, peers, plan);
            if (!rest.isEmpty() && (!upsertFirst || oneStatement || !upsertUnlessUsernameTaken(sessionName, rest, plan))) {
                write(sessionName, rest, plan);
            }
        });
    }

    /**
     * Rewrites the stored rows of the peers that keep the username they have.
     * @return the peers that were not (new ones, and those whose username changes)
     */
    private List<Peer> notUpdatedInPlace(String sessionName, List<Peer> peers, UsernameClaims plan) {
        String sql = Objects.requireNonNull(this.statements.updatePeerInPlace);
        JdbcStorageDialect dialect = this.access.dialect();
        if (peers.size() == 1) {
            Peer peer = peers.get(0);
            return (this.access.update(sql, statement -> Rows.bindPeerInPlace(statement, dialect, sessionName, peer,
                    plan.keepsUsername(peer))) > 0) ? List.of() : peers;
        }
        int[] changed = this.access.batch(sql, peers.size(), (statement, i) -> {
            Peer peer = peers.get(i);
            Rows.bindPeerInPlace(statement, dialect, sessionName, peer, plan.keepsUsername(peer));
        });
        List<Peer> rest = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            // A driver that cannot tell (SUCCESS_NO_INFO) leaves the peer to the upsert, which is always right.
            if (changed[i] <= 0) {
                rest.add(peers.get(i));
            }
        }
        return rest;
    }

    /**
     * Frees the claimed usernames and upserts, in the caller's transaction or ours.
     * @param peers merged peers (min rule already applied), distinct by type and id
     */
    void write(String sessionName, List<Peer> peers) {
        write(sessionName, peers, UsernameClaims.of(peers));
    }

    private void write(String sessionName, List<Peer> peers, UsernameClaims plan) {
        List<Map.Entry<String, Peer>> claims = new ArrayList<>(plan.claims());
        JdbcStorageDialect dialect = this.access.dialect();
        // Every claimed username is free before the first upsert.
        if (claims.size() < 2 || !dialect.freeUsernames(this.access, this.statements.tablePrefix, sessionName, claims)) {
            run(this.statements.freeUsername, claims.size(), (statement, i) -> {
                Peer claimant = claims.get(i).getValue();
                dialect.bindPeerSession(statement, 1, sessionName, true);
                statement.setString(2, claims.get(i).getKey());
                dialect.bindPeerType(statement, 3, claimant.type());
                statement.setLong(4, claimant.id());
            }, true);
        }
        upsert(sessionName, peers, plan);
    }

    /**
     * Upserts without freeing anything first.
     * @return {@code false} when a claimed username was held by another peer, so the database
     *     refused the upsert (in a batch, after the rows before it)
     */
    private boolean upsertUnlessUsernameTaken(String sessionName, List<Peer> peers, UsernameClaims plan) {
        try {
            upsert(sessionName, peers, plan);
            return true;
        }
        catch (DataAccessException failure) {
            if (this.access.uniqueViolation(failure)) {
                return false;
            }
            throw failure;
        }
    }

    private void upsert(String sessionName, List<Peer> peers, UsernameClaims plan) {
        JdbcStorageDialect dialect = this.access.dialect();
        if (peers.size() < 2 || !dialect.upsertPeers(this.access, this.statements.tablePrefix, sessionName, peers, plan::keepsUsername)) {
            boolean withUsernameKey = !dialect.derivesUsernameKey();
            run(this.statements.upsertPeer, peers.size(), (statement, i) -> {
                Peer peer = peers.get(i);
                Rows.bindPeer(statement, dialect, sessionName, peer, plan.keepsUsername(peer), withUsernameKey);
            }, false);
        }
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
