package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;

/**
 * The data every benchmark uses, identical for the storage and for its raw-driver baseline:
 * typical full user peers, batches of 1,000, a session with an auth key, and update state bytes.
 * <p>
 * Every save changes the stored row, as saving a peer seen again does in an application (the store
 * stamps it with the time): the peers come in two versions that differ in {@code lastUpdated}, the
 * stored one (what {@link #allPeers()} fills in) and the other, swapped on every pass through the
 * pool. A save of identical data could cost a database nothing (SQLite skips a row rewritten with
 * the same bytes) and would measure that instead.
 */
final class Workload {

    /** Distinct peers cycled through by single-peer benchmarks. */
    static final int PEER_POOL = 10_000;

    static final int BATCH = 1_000;

    /** Two versions of each peer: index 0 is stored first. */
    private final Peer[][] peers = new Peer[2][PEER_POOL];

    private final List<List<List<Peer>>> batches = List.of(new ArrayList<>(), new ArrayList<>());

    private final String[] usernames = new String[PEER_POOL];

    private final byte[] updateState = new byte[16];

    private int next;

    /** Which version the current pass saves: never the one just stored. */
    private int version = 1;

    private int nextBatch;

    private int batchVersion = 1;

    Workload() {
        for (int i = 0; i < PEER_POOL; i++) {
            this.usernames[i] = String.format("bench_user_%05d", i);
            for (int v = 0; v < 2; v++) {
                this.peers[v][i] = Peer.builder(5_000_000_000L + i, PeerType.USER)
                    .accessHash(i * 0x9E3779B97F4A7C15L)
                    .username(this.usernames[i])
                    .firstName("First" + i)
                    .lastName("Last" + i)
                    .phoneNumber("4477009" + i)
                    .lastUpdated(1_700_000_000_000L + v)
                    .build();
            }
        }
        for (int v = 0; v < 2; v++) {
            for (int b = 0; b < PEER_POOL / BATCH; b++) {
                this.batches.get(v).add(List.of(this.peers[v]).subList(b * BATCH, (b + 1) * BATCH));
            }
        }
    }

    Peer[] allPeers() {
        return this.peers[0];
    }

    Peer nextPeer() {
        Peer peer = this.peers[this.version][this.next];
        advance();
        return peer;
    }

    long nextId() {
        return this.peers[0][advance()].id();
    }

    String nextUsername() {
        return this.usernames[advance()];
    }

    List<Peer> nextBatch() {
        List<List<Peer>> versions = this.batches.get(this.batchVersion);
        List<Peer> batch = versions.get(this.nextBatch);
        if (++this.nextBatch == versions.size()) {
            this.nextBatch = 0;
            this.batchVersion ^= 1;
        }
        return batch;
    }

    byte[] updateState() {
        this.updateState[0]++;
        return this.updateState;
    }

    static Session session(String name) {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 31);
        }
        return Session.builder(name).dcId(2).serverAddress("149.154.167.51").port(443).authKey(key).date(1_700_000_000_000L).build();
    }

    private int advance() {
        int index = this.next;
        if (index + 1 == PEER_POOL) {
            this.next = 0;
            this.version ^= 1;
        }
        else {
            this.next = index + 1;
        }
        return index;
    }

}
