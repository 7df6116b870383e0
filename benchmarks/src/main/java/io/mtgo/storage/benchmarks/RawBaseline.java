package io.mtgo.storage.benchmarks;

import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;

/**
 * The same logical work as the storage (a claimed username is taken from any other peer holding
 * it), done with the raw driver at its best on the same schema or hash fields: plain JDBC with
 * statements prepared once per connection and batches, on a pool with the driver options that pay
 * off ({@link Backend#rawDriverOptions}); raw Lettuce with one script call per save; the raw Mongo
 * driver with bulkWrite. The yardstick our throughput is divided by.
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
