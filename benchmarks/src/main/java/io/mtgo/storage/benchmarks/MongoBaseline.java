package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The MongoDB backend's yardstick: the raw driver's {@code MongoCollection<Document>} writing the
 * library's documents ({@code MongoDocuments}) to its collections: a peer save is one
 * {@code bulkWrite} of the username-freeing updateMany and the upserting replaces.
 */
final class MongoBaseline implements RawBaseline {

    private static final String SESSION = JdbcBaseline.SESSION;

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> sessions;

    private final MongoCollection<Document> peers;

    private final MongoCollection<Document> kv;

    MongoBaseline(MongoDatabase database) {
        this.sessions = database.getCollection("mtgo_sessions");
        this.peers = database.getCollection("mtgo_peers");
        this.kv = database.getCollection("mtgo_kv");
    }

    @Override
    public void savePeer(Peer peer) {
        savePeers(List.of(peer));
    }

    @Override
    public void savePeers(List<Peer> batch) {
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size() + 1);
        List<String> claimed = new ArrayList<>(batch.size());
        for (Peer peer : batch) {
            String key = Usernames.keyOf(peer.username());
            if (key != null) {
                claimed.add(SESSION + '\u0000' + key);
            }
        }
        if (!claimed.isEmpty()) {
            writes.add(new UpdateManyModel<>(Filters.in("uk", claimed), Updates.combine(Updates.unset("uk"), Updates.unset("username"))));
        }
        for (Peer peer : batch) {
            Document id = new Document("s", SESSION).append("id", peer.id());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), toDocument(id, peer), UPSERT));
        }
        this.peers.bulkWrite(writes);
    }

    @Override
    public Object loadPeer(long id) {
        Document document = this.peers.find(Filters.eq("_id", new Document("s", SESSION).append("id", id))).first();
        return (document != null) ? toPeer(document) : null;
    }

    @Override
    public Object loadPeerByUsername(String usernameKey) {
        Document document = this.peers.find(Filters.eq("uk", SESSION + '\u0000' + usernameKey)).first();
        return (document != null) ? toPeer(document) : null;
    }

    @Override
    public void setUpdateState(int dcId, byte[] state) {
        Document id = new Document("s", SESSION).append("k", "update_state:" + dcId);
        this.kv.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("s", SESSION).append("v", new Binary(state)), UPSERT);
    }

    @Override
    public void saveSession(Session session) {
        Document document = new Document("_id", session.name()).append("dcId", session.dcId())
            .append("serverAddress", session.serverAddress())
            .append("port", session.port())
            .append("testMode", session.testMode())
            .append("authKey", (session.authKey() != null) ? new Binary(session.authKey()) : null)
            .append("apiId", session.apiId())
            .append("apiHash", session.apiHash())
            .append("date", session.date());
        this.sessions.replaceOne(Filters.eq("_id", session.name()), document, UPSERT);
    }

    @Override
    public Object loadSession(String name) {
        Document document = this.sessions.find(Filters.eq("_id", name)).first();
        if (document == null) {
            return null;
        }
        Binary key = document.get("authKey", Binary.class);
        return Session.builder(document.getString("_id"))
            .dcId(document.getInteger("dcId"))
            .serverAddress(document.getString("serverAddress"))
            .port(document.getInteger("port"))
            .testMode(document.getBoolean("testMode"))
            .authKey((key != null) ? key.getData() : null)
            .apiId(document.getInteger("apiId"))
            .apiHash(document.getString("apiHash"))
            .date(document.getLong("date"))
            .build();
    }

    @Override
    public void close() {
        this.peers.deleteMany(Filters.eq("s", SESSION));
        this.kv.deleteMany(Filters.eq("s", SESSION));
        this.sessions.deleteOne(Filters.eq("_id", SESSION));
    }

    private static Document toDocument(Document id, Peer peer) {
        Document document = new Document("_id", id).append("s", SESSION)
            .append("type", peer.type().name())
            .append("accessHash", peer.accessHash())
            .append("username", peer.username())
            .append("usernames", peer.usernames())
            .append("firstName", peer.firstName())
            .append("lastName", peer.lastName())
            .append("phone", peer.phoneNumber())
            .append("bot", peer.bot())
            .append("photoId", peer.photoId())
            .append("lang", peer.language())
            .append("lastUpdated", peer.lastUpdated())
            .append("min", peer.min());
        if (peer.username() != null) {
            document.append("uk", SESSION + '\u0000' + Usernames.keyOf(peer.username()));
        }
        return document;
    }

    private static Peer toPeer(Document document) {
        Document id = document.get("_id", Document.class);
        return Peer.builder(id.getLong("id"), PeerType.valueOf(document.getString("type")))
            .accessHash(document.getLong("accessHash"))
            .username(document.getString("username"))
            .usernames(document.getList("usernames", String.class, List.of()))
            .firstName(document.getString("firstName"))
            .lastName(document.getString("lastName"))
            .phoneNumber(document.getString("phone"))
            .bot(document.getBoolean("bot"))
            .photoId(document.getLong("photoId"))
            .language(document.getString("lang"))
            .lastUpdated(document.getLong("lastUpdated"))
            .min(document.getBoolean("min"))
            .build();
    }

}
