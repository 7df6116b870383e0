package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Usernames;
import io.mtgo.storage.mongodb.MongoCollectionNames;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;

/**
 * Fills the MongoDB source of {@link CopyBenchmark} with the raw driver: {@code insertMany} of
 * documents in the layout {@code MongoStorage} writes, instead of {@code Storage.savePeers}.
 * <p>
 * Why: every point write of {@code MongoStorage} filters on {@code {s, _id: {...}}} (the session
 * is in every filter, for sharding). The in-process mongo-java-server uses an index only when a
 * filter's fields are exactly an index's, so each of those writes scans the whole collection and
 * filling 100,000 peers through the store would take hours. A plain insert has no filter: it only
 * checks the unique indexes, by key. What is timed afterwards, the copy, still reads through the
 * store.
 * <p>
 * {@code io.mtgo.storage.mongodb.MongoDocuments}, which holds the layout, is package-private, so
 * the documents are written here by the same field names, from the same {@link Peer} and
 * {@link Session} values; {@link #checkLayout} compares them, field by field, with what the store
 * itself writes, and {@link #checkReads} reads a few of them back through the store.
 */
final class MongoRawFill {

    /** A session's documents are inserted this many sessions at a time. */
    private static final int SESSIONS_PER_INSERT = 100;

    private final MongoCollection<Document> sessions;

    private final MongoCollection<Document> peers;

    private final MongoCollection<Document> kv;

    MongoRawFill(MongoDatabase database) {
        MongoCollectionNames names = MongoCollectionNames.DEFAULT;
        this.sessions = database.getCollection(names.sessions());
        this.peers = database.getCollection(names.peers());
        this.kv = database.getCollection(names.kv());
    }

    /** What {@code CopyBenchmark.fill} writes through the store, inserted directly. */
    void fill(int sessionCount, int peerCount, String kind) {
        List<Document> sessionDocuments = new ArrayList<>();
        List<Document> peerDocuments = new ArrayList<>();
        List<Document> kvDocuments = new ArrayList<>();
        for (int s = 0; s < sessionCount; s++) {
            String name = kind + "-" + s;
            sessionDocuments.add(sessionDocument(CopyBenchmark.session(name)));
            kvDocuments.add(kvDocument(name, "user_id", Long.toString(CopyBenchmark.userId(s))));
            kvDocuments.add(kvDocument(name, "update_state:" + CopyBenchmark.UPDATE_STATE_DC, new Binary(CopyBenchmark.UPDATE_STATE)));
            for (Peer peer : CopyBenchmark.peers(peerCount)) {
                peerDocuments.add(peerDocument(name, peer));
            }
            if ((s + 1) % SESSIONS_PER_INSERT == 0 || s == sessionCount - 1) {
                this.sessions.insertMany(sessionDocuments);
                this.kv.insertMany(kvDocuments);
                this.peers.insertMany(peerDocuments);
                sessionDocuments.clear();
                kvDocuments.clear();
                peerDocuments.clear();
            }
        }
    }

    /**
     * Writes one session through the store and one by {@link #fill}, and fails unless their
     * documents in all three collections are the same but for the session name. Removes both.
     */
    void checkLayout(Storage root, int peerCount) {
        String viaStore = "layout-store";
        String viaRaw = "layout-raw";
        CopyBenchmark.fillSession(root.forSession(viaStore), viaStore, 0, peerCount);
        // fill names sessions kind-s: "layout-raw-0" is built with the same values as viaStore
        fill(1, peerCount, viaRaw);
        String raw = viaRaw + "-0";
        Map<String, MongoCollection<Document>> collections = Map.of("sessions", this.sessions, "peers", this.peers, "kv", this.kv);
        for (Map.Entry<String, MongoCollection<Document>> collection : collections.entrySet()) {
            List<Document> stored = documentsOf(collection.getValue(), viaStore);
            List<Document> inserted = documentsOf(collection.getValue(), raw);
            if (stored.isEmpty() || !asJson(stored, viaStore, raw).equals(asJson(inserted, raw, raw))) {
                throw new IllegalStateException("raw fill of " + collection.getKey() + " differs from MongoStorage's layout:\n  store: "
                        + stored + "\n  raw:   " + inserted);
            }
        }
        root.deleteSession(viaStore);
        root.deleteSession(raw);
    }

    /** Reads a few raw-filled sessions back through the store, and fails if anything differs. */
    static void checkReads(Storage root, int sessionCount, int peerCount, String kind) {
        List<Peer> expected = CopyBenchmark.peers(peerCount);
        for (int s : new int[] { 0, sessionCount / 2, sessionCount - 1 }) {
            String name = kind + "-" + s;
            Storage storage = root.forSession(name);
            Session session = storage.loadSession(name).orElseThrow(() -> new IllegalStateException("no session " + name));
            require(session.equals(CopyBenchmark.session(name)) && Arrays.equals(session.authKey(), CopyBenchmark.session(name).authKey()),
                    name + ": session " + session);
            require(storage.getUserId().equals(OptionalLong.of(CopyBenchmark.userId(s))), name + ": user id " + storage.getUserId());
            require(storage.getUpdateState(CopyBenchmark.UPDATE_STATE_DC).map(state -> Arrays.equals(state, CopyBenchmark.UPDATE_STATE)).orElse(false),
                    name + ": update state");
            for (Peer peer : List.of(expected.get(0), expected.get(1), expected.get(peerCount - 1))) {
                require(storage.loadPeer(peer.type(), peer.id()).equals(Optional.of(peer)),
                        name + ": loadPeer " + peer.id() + " = " + storage.loadPeer(peer.type(), peer.id()));
                if (peer.username() != null) {
                    require(storage.loadPeerByUsername(peer.username()).equals(Optional.of(peer)),
                            name + ": loadPeerByUsername " + peer.username() + " = " + storage.loadPeerByUsername(peer.username()));
                }
            }
            require(storage.loadPeer(PeerType.USER, peerCount + 1).isEmpty(), name + ": a peer that was never written");
            require(storage.loadPeerByUsername("user_" + (peerCount + 2)).isEmpty(), name + ": a username nobody holds");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("raw-filled MongoDB source read back wrong: " + message);
        }
    }

    private static List<Document> documentsOf(MongoCollection<Document> collection, String session) {
        List<Document> documents = new ArrayList<>();
        collection.find(new Document("s", session)).forEach(documents::add);
        documents.sort((a, b) -> a.get("_id").toString().compareTo(b.get("_id").toString()));
        return documents;
    }

    /**
     * The documents as extended JSON (which keeps every BSON type: an int64 stays
     * {@code $numberLong}), with the session name at the start of a string changed to another.
     */
    private static List<String> asJson(List<Document> documents, String from, String to) {
        JsonWriterSettings extended = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        List<String> json = new ArrayList<>();
        for (Document document : documents) {
            json.add(document.toJson(extended).replace("\"" + from, "\"" + to));
        }
        return json;
    }

    // The layout of MongoDocuments (session, peer) and of MongoStorage.putKv, field for field.

    private static Document sessionDocument(Session session) {
        return new Document("_id", session.name()).append("s", session.name())
            .append("dcId", session.dcId())
            .append("serverAddress", session.serverAddress())
            .append("port", session.port())
            .append("testMode", session.testMode())
            .append("authKey", (session.authKey() != null) ? new Binary(session.authKey()) : null)
            .append("apiId", session.apiId())
            .append("apiHash", session.apiHash())
            .append("date", session.date());
    }

    private static Document kvDocument(String session, String key, Object value) {
        return new Document("_id", new Document("s", session).append("k", key)).append("s", session).append("v", value);
    }

    private static Document peerDocument(String session, Peer peer) {
        Document document = new Document("_id", new Document("s", session).append("t", peer.type().name()).append("id", peer.id()))
            .append("s", session)
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
        String usernameKey = Usernames.keyOf(peer.username());
        return document.append("uk", (usernameKey != null) ? session + '\u0000' + usernameKey : session + "\u0000#" + peer.markedId());
    }

}
