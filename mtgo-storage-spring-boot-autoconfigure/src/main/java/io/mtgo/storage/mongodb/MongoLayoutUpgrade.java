package io.mtgo.storage.mongodb;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import org.bson.Document;

import static io.mtgo.storage.mongodb.MongoDocuments.SESSION;
import static io.mtgo.storage.mongodb.MongoDocuments.USERNAME_INDEX;

/**
 * Brings collections written by the first layout to the shardable one, once, at start-up:
 * session documents get the session field {@code s}, peers without a username get their
 * placeholder {@code uk} (see {@link MongoDocuments}), and the username index without the session
 * prefix, {@code {uk: 1}}, is dropped once {@code {s: 1, uk: 1}} exists. It runs only while the
 * prefixed index is missing, so a database already upgraded (or new) costs one index listing.
 * These are the only reads and writes of the store that do not carry a session. Before them it
 * checks that every collection holds nothing but the store's documents.
 */
final class MongoLayoutUpgrade {

    private static final int BATCH = 1_000;

    private static final String PHONE_INDEX = "mtgo_peers_phone_idx";

    private MongoLayoutUpgrade() {
    }

    static void upgrade(MongoCollection<Document> sessions, MongoCollection<Document> peers, MongoCollection<Document> kv,
            MongoCollection<Document> conversations) {
        if (hasIndex(peers, MongoStorage.PEERS_USERNAME_INDEX)) {
            return;
        }
        requireOwnDocuments(sessions, new Document("dcId", new Document("$exists", false)), "a session's dcId");
        requireOwnDocuments(peers, new Document("_id.t", new Document("$exists", false)), "a peer's _id {s, t, id}");
        requireOwnDocuments(kv, new Document("_id.k", new Document("$exists", false)), "an entry's _id {s, k}");
        requireOwnDocuments(conversations, new Document("_id.c", new Document("$exists", false)), "a conversation's _id {s, c, u}");
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document session : sessions.find(new Document(SESSION, new Document("$exists", false))).projection(new Document("_id", 1))) {
            writes.add(new UpdateOneModel<>(new Document("_id", session.get("_id")), new Document("$set", new Document(SESSION, session.get("_id")))));
            flushIfFull(sessions, writes);
        }
        flush(sessions, writes);
        Document withoutUk = new Document(USERNAME_INDEX, new Document("$exists", false));
        for (Document peer : peers.find(withoutUk).projection(new Document("_id", 1).append(SESSION, 1))) {
            Document id = peer.get("_id", Document.class);
            String session = peer.getString(SESSION);
            long markedId = PeerIds.mark(PeerType.valueOf(id.getString("t")), id.getLong("id"));
            writes.add(new UpdateOneModel<>(MongoDocuments.byId(session, id).append(USERNAME_INDEX, new Document("$exists", false)),
                    new Document("$set", new Document(USERNAME_INDEX, MongoDocuments.noUsernameIndexValue(session, markedId)))));
            flushIfFull(peers, writes);
        }
        flush(peers, writes);
    }

    /**
     * Drops the peers' indexes earlier versions created and no statement needs: {@code {uk: 1}} (on
     * a sharded collection a unique index must start with the shard key) and
     * {@value #PHONE_INDEX} (no lookup by phone; it only cost every peer write an index entry).
     */
    static void dropIndexesNoLongerUsed(MongoCollection<Document> peers) {
        for (Document index : peers.listIndexes()) {
            if (new Document(USERNAME_INDEX, 1).equals(index.get("key", Document.class)) || PHONE_INDEX.equals(index.getString("name"))) {
                peers.dropIndex(index.getString("name"));
            }
        }
    }

    /**
     * Refuses a collection that holds documents of another kind (a collection property pointed at one
     * of the application's): the upgrade would write {@code s} into them, the unique index on
     * {@code {s, uk}} would refuse the application's next insert, and listing would name them as
     * sessions. Runs with the upgrade, so only until the store's own index exists.
     */
    private static void requireOwnDocuments(MongoCollection<Document> collection, Document notOurs, String lacking) {
        if (collection.find(notOurs).projection(new Document("_id", 1)).limit(1).first() != null) {
            throw new IllegalStateException("Collection '" + collection.getNamespace().getCollectionName() + "' holds documents "
                    + "without " + lacking + ", which mtgo-storage did not write: its collections must be its own");
        }
    }

    private static boolean hasIndex(MongoCollection<Document> collection, String name) {
        for (Document index : collection.listIndexes()) {
            if (name.equals(index.getString("name"))) {
                return true;
            }
        }
        return false;
    }

    private static void flushIfFull(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.size() >= BATCH) {
            flush(collection, writes);
        }
    }

    private static void flush(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(new ArrayList<>(writes));
            writes.clear();
        }
    }

}
