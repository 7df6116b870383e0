package io.mtgo.storage.mongodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerMerge;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.StripedLocks;
import io.mtgo.storage.Usernames;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

import static io.mtgo.storage.mongodb.MongoDocuments.SESSION;
import static io.mtgo.storage.mongodb.MongoDocuments.USERNAME_INDEX;

/**
 * {@link io.mtgo.storage.Storage} on MongoDB through the application's {@link MongoTemplate}.
 * Needs no replica set: every write is a single-document operation or one ordered
 * {@code bulkWrite}. {@code savePeers} is one {@code bulkWrite} (plus one read when the batch holds
 * min peers); it frees every claimed username before writing the peers, and the unique username
 * index makes a racing writer fail and retry instead of leaving two holders.
 */
public final class MongoStorage extends AbstractStorage {

    private static final int MAX_ATTEMPTS = 10;

    private final MongoCollection<Document> sessions;

    private final MongoCollection<Document> peers;

    private final MongoCollection<Document> kv;

    private final MongoCollection<Document> conversations;

    private final MongoSessionLeases leases;

    /** Shared by every storage of the JVM, so storages built separately on one database take turns too. */
    private static final StripedLocks WRITER_LOCKS = new StripedLocks();

    /**
     * Creates the storage and its indexes (Spring Data does not create them by default).
     * @param template the application's template (never closed by this storage)
     * @param names the collection names
     * @param sessionName the session this storage is scoped to
     */
    public MongoStorage(MongoTemplate template, MongoCollectionNames names, String sessionName) {
        super(sessionName);
        this.sessions = template.getCollection(names.sessions());
        this.peers = template.getCollection(names.peers());
        this.kv = template.getCollection(names.kv());
        this.conversations = template.getCollection(names.conversations());
        this.leases = new MongoSessionLeases(template, MongoSessionLeases.DEFAULT_COLLECTION);
        createIndexes();
    }

    private MongoStorage(MongoStorage parent, String sessionName) {
        super(sessionName);
        this.sessions = parent.sessions;
        this.peers = parent.peers;
        this.kv = parent.kv;
        this.conversations = parent.conversations;
        this.leases = parent.leases;
    }

    private void createIndexes() {
        this.peers.createIndex(Indexes.ascending(USERNAME_INDEX), new IndexOptions().unique(true).sparse(true).name("mtgo_peers_username_uk"));
        this.peers.createIndex(Indexes.ascending(SESSION, "phone"), new IndexOptions().name("mtgo_peers_phone_idx"));
        this.peers.createIndex(Indexes.ascending(SESSION), new IndexOptions().name("mtgo_peers_session_idx"));
        this.kv.createIndex(Indexes.ascending(SESSION), new IndexOptions().name("mtgo_kv_session_idx"));
        this.conversations.createIndex(Indexes.ascending(SESSION), new IndexOptions().name("mtgo_conversations_session_idx"));
    }

    @Override
    public String backendName() {
        return "mongodb";
    }

    @Override
    protected void doSaveSession(Session session) {
        this.sessions.replaceOne(Filters.eq("_id", session.name()), MongoDocuments.session(session, authKeyForStorage(session)),
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        Document document = this.sessions.find(Filters.eq("_id", sessionName)).first();
        return Optional.ofNullable(document)
            .map(d -> MongoDocuments.toSessionBuilder(d).authKey(authKeyFromStorage(MongoDocuments.storedAuthKey(d), sessionName)).build());
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        Bson ofSession = Filters.eq(SESSION, sessionName);
        this.peers.deleteMany(ofSession);
        this.kv.deleteMany(ofSession);
        this.conversations.deleteMany(ofSession);
        this.sessions.deleteOne(Filters.eq("_id", sessionName));
    }

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> batch) {
        for (int attempt = 1;; attempt++) {
            try {
                writePeersSerialisedInThisJvm(batch);
                return;
            }
            catch (LostRace | MongoBulkWriteException ex) {
                if (attempt >= MAX_ATTEMPTS || (ex instanceof MongoBulkWriteException bulk && !isDuplicateKey(bulk))) {
                    throw (ex instanceof LostRace) ? new StorageException("savePeers kept losing races with other writers of session '"
                            + sessionName() + "'") : (RuntimeException) ex;
                }
            }
            StripedLocks.backOff(attempt);
        }
    }

    /**
     * Freeing and claiming usernames is two steps of one bulk write, so writers of the same session
     * race between them; in one JVM they take turns instead of exhausting their retries.
     */
    private void writePeersSerialisedInThisJvm(List<Peer> batch) {
        Lock lock = WRITER_LOCKS.of(sessionName());
        lock.lock();
        try {
            writePeers(batch);
        }
        finally {
            lock.unlock();
        }
    }

    private void writePeers(List<Peer> batch) {
        Map<Long, Document> storedMin = readStoredOfMinPeers(batch);
        Map<String, Long> finalHolder = new HashMap<>();
        for (Peer peer : batch) {
            String key = Usernames.keyOf(peer.username());
            if (key != null) {
                finalHolder.put(key, peer.markedId());
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size() + 1);
        if (!finalHolder.isEmpty()) {
            List<String> claimed = finalHolder.keySet().stream().map(key -> MongoDocuments.usernameIndexValue(sessionName(), key)).toList();
            writes.add(new UpdateManyModel<>(Filters.in(USERNAME_INDEX, claimed),
                    Updates.combine(Updates.unset(USERNAME_INDEX), Updates.unset("username"))));
        }
        int conditional = 0;
        for (Peer incoming : batch) {
            Peer peer = incoming;
            String key = Usernames.keyOf(peer.username());
            if (key != null && finalHolder.get(key) != peer.markedId()) {
                peer = peer.toBuilder().username(null).build();
            }
            Document id = MongoDocuments.peerId(sessionName(), peer.type(), peer.id());
            if (!peer.min()) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), MongoDocuments.peer(sessionName(), peer),
                        new ReplaceOptions().upsert(true)));
                continue;
            }
            Document stored = storedMin.get(peer.markedId());
            if (stored == null) {
                // Insert, not upsert: a full peer written meanwhile makes this fail and retry.
                writes.add(new InsertOneModel<>(MongoDocuments.peer(sessionName(), peer)));
            }
            else {
                Peer merged = PeerMerge.merge(MongoDocuments.toPeer(stored), peer);
                Bson unchanged = Filters.and(Filters.eq("_id", id), Filters.eq("accessHash", stored.getLong("accessHash")),
                        Filters.eq("phone", stored.getString("phone")), Filters.eq("min", stored.getBoolean("min")));
                writes.add(new ReplaceOneModel<>(unchanged, MongoDocuments.peer(sessionName(), merged)));
                conditional++;
            }
        }
        int replacesMatched = this.peers.bulkWrite(writes).getMatchedCount();
        if (conditional > 0 && replacesMatched < conditional) {
            // Cannot tell exactly which conditional replace missed: counts are only reliable when all
            // matched. A miss means a stored min or full peer changed meanwhile; redo the batch.
            throw new LostRace();
        }
    }

    private Map<Long, Document> readStoredOfMinPeers(List<Peer> batch) {
        List<Document> ids = batch.stream().filter(Peer::min).map(peer -> MongoDocuments.peerId(sessionName(), peer.type(), peer.id())).toList();
        Map<Long, Document> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document document : this.peers.find(Filters.in("_id", ids))) {
                stored.put(MongoDocuments.toPeer(document).markedId(), document);
            }
        }
        return stored;
    }

    private static boolean isDuplicateKey(MongoBulkWriteException ex) {
        return ex.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        return Optional.ofNullable(this.peers.find(Filters.eq("_id", MongoDocuments.peerId(sessionName(), type, id))).first())
            .map(MongoDocuments::toPeer);
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        Bson byUsername = Filters.eq(USERNAME_INDEX, MongoDocuments.usernameIndexValue(sessionName(), usernameKey));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document found = this.peers.find(byUsername).first();
            if (found == null) {
                return Optional.empty();
            }
            Peer peer = MongoDocuments.toPeer(found);
            // MongoDB returns a document as it matched; mongo-java-server can return the document as a
            // concurrent update left it, after that update freed the username. Look again.
            if (usernameKey.equals(Usernames.keyOf(peer.username()))) {
                return Optional.of(peer);
            }
        }
        return Optional.empty();
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        this.peers.deleteOne(Filters.eq("_id", MongoDocuments.peerId(sessionName(), type, id)));
    }

    @Override
    protected void doSetMetadata(String key, String value) {
        putKv(key, value);
    }

    @Override
    protected Optional<String> doGetMetadata(String key) {
        return getKv(key).map(document -> document.getString("v"));
    }

    @Override
    protected void doSetUpdateState(int dcId, byte[] state) {
        putKv(updateStateKey(dcId), new Binary(state));
    }

    @Override
    protected Optional<byte[]> doGetUpdateState(int dcId) {
        return getKv(updateStateKey(dcId)).map(document -> document.get("v", Binary.class).getData());
    }

    private void putKv(String key, Object value) {
        Document id = MongoDocuments.kvId(sessionName(), key);
        this.kv.replaceOne(Filters.eq("_id", id), new Document("_id", id).append(SESSION, sessionName()).append("v", value),
                new ReplaceOptions().upsert(true));
    }

    private Optional<Document> getKv(String key) {
        return Optional.ofNullable(this.kv.find(Filters.eq("_id", MongoDocuments.kvId(sessionName(), key))).first());
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        Document id = MongoDocuments.conversationId(sessionName(), conversation.chatId(), conversation.userId());
        Document fields = MongoDocuments.conversationFields(conversation).append(SESSION, sessionName());
        Bson update = (conversation.createdAt() != 0)
                ? new Document("$set", fields.append("createdAt", conversation.createdAt()))
                : Updates.combine(new Document("$set", fields), Updates.setOnInsert("createdAt", now));
        UpdateResult ignored = this.conversations.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        return Optional
            .ofNullable(this.conversations.find(Filters.eq("_id", MongoDocuments.conversationId(sessionName(), chatId, userId))).first())
            .map(MongoDocuments::toConversation);
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        this.conversations.deleteOne(Filters.eq("_id", MongoDocuments.conversationId(sessionName(), chatId, userId)));
    }

    @Override
    protected List<String> doSessionNames() {
        List<String> names = new ArrayList<>();
        this.sessions.find().projection(new Document("_id", 1)).forEach(document -> names.add(document.getString("_id")));
        return names;
    }

    @Override
    protected List<Peer> doAllPeers() {
        List<Peer> all = new ArrayList<>();
        this.peers.find(Filters.eq(SESSION, sessionName())).forEach(document -> all.add(MongoDocuments.toPeer(document)));
        return all;
    }

    @Override
    protected Map<Integer, byte[]> doAllUpdateStates() {
        Map<Integer, byte[]> states = new java.util.TreeMap<>();
        this.kv.find(Filters.eq(SESSION, sessionName())).forEach(document -> {
            int dcId = dcIdOfUpdateStateKey(document.get("_id", Document.class).getString("k"));
            if (dcId >= 0) {
                states.put(dcId, document.get("v", Binary.class).getData());
            }
        });
        return states;
    }

    @Override
    protected List<Conversation> doAllConversations() {
        List<Conversation> all = new ArrayList<>();
        this.conversations.find(Filters.eq(SESSION, sessionName()))
            .forEach(document -> all.add(MongoDocuments.toConversation(document)));
        return all;
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new MongoStorage(this, sessionName);
    }

    /** A conditional write found the stored peer changed by another writer: redo the batch. */
    @Override
    protected SessionLeases createLeases() {
        return this.leases;
    }

    private static final class LostRace extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LostRace() {
            super(null, null, false, false);
        }

    }

}
