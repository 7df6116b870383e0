package io.mtgo.storage.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;

/**
 * The memory backend's yardstick: two concurrent hash maps doing the bare logical work (no
 * validation, no min-peer merge, no username moves).
 */
final class MemoryBaseline implements RawBaseline {

    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();

    private final Map<String, Peer> byUsername = new ConcurrentHashMap<>();

    private final Map<Integer, byte[]> states = new ConcurrentHashMap<>();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void savePeer(Peer peer) {
        this.peers.put(peer.id(), peer);
        if (peer.username() != null) {
            this.byUsername.put(Usernames.keyOf(peer.username()), peer);
        }
    }

    @Override
    public void savePeers(List<Peer> peers) {
        peers.forEach(this::savePeer);
    }

    @Override
    public Object loadPeer(long id) {
        return this.peers.get(id);
    }

    @Override
    public Object loadPeerByUsername(String usernameKey) {
        return this.byUsername.get(usernameKey);
    }

    @Override
    public void setUpdateState(int dcId, byte[] state) {
        this.states.put(dcId, state.clone());
    }

    @Override
    public void saveSession(Session session) {
        this.sessions.put(session.name(), session);
    }

    @Override
    public Object loadSession(String name) {
        return this.sessions.get(name);
    }

    @Override
    public void close() {
    }

}
