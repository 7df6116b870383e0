package io.mtgo.storage.benchmarks;

import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;

/**
 * The same logical work as the storage, done with the raw driver on the same schema or key layout
 * (plain JDBC with prepared, batched statements; raw Lettuce with pipelining; the raw Mongo driver
 * with bulkWrite): the yardstick our throughput is divided by.
 */
interface RawBaseline extends AutoCloseable {

    void savePeer(Peer peer);

    void savePeers(List<Peer> peers);

    /** @return whether a peer was found (the result must be used so the work is not elided) */
    Object loadPeer(long id);

    Object loadPeerByUsername(String usernameKey);

    void setUpdateState(int dcId, byte[] state);

    void saveSession(Session session);

    Object loadSession(String name);

    @Override
    void close();

}
