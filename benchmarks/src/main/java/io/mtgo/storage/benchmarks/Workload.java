package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;

/**
 * The data every benchmark uses, identical for the storage and for its raw-driver baseline:
 * typical full user peers, batches of 1,000, a session with an auth key, and update state bytes.
 */
final class Workload {

    /** Distinct peers cycled through by single-peer benchmarks. */
    static final int PEER_POOL = 10_000;

    static final int BATCH = 1_000;

    private final Peer[] peers = new Peer[PEER_POOL];

    private final List<List<Peer>> batches = new ArrayList<>();

    private final String[] usernames = new String[PEER_POOL];

    private final byte[] updateState = new byte[16];

    private int next;

    Workload() {
        for (int i = 0; i < PEER_POOL; i++) {
            this.usernames[i] = String.format("bench_user_%05d", i);
            this.peers[i] = Peer.builder(5_000_000_000L + i, PeerType.USER)
                .accessHash(i * 0x9E3779B97F4A7C15L)
                .username(this.usernames[i])
                .firstName("First" + i)
                .lastName("Last" + i)
                .phoneNumber("4477009" + i)
                .lastUpdated(1_700_000_000_000L)
                .build();
        }
        for (int b = 0; b < PEER_POOL / BATCH; b++) {
            this.batches.add(List.of(this.peers).subList(b * BATCH, (b + 1) * BATCH));
        }
    }

    Peer[] allPeers() {
        return this.peers;
    }

    Peer nextPeer() {
        return this.peers[advance()];
    }

    long nextId() {
        return this.peers[advance()].id();
    }

    String nextUsername() {
        return this.usernames[advance()];
    }

    List<Peer> nextBatch() {
        return this.batches.get(advance() % this.batches.size());
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
        this.next = (index + 1 == PEER_POOL) ? 0 : index + 1;
        return index;
    }

}
