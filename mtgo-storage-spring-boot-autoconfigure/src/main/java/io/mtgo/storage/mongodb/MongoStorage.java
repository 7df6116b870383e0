package io.mtgo.storage.mongodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

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
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import io.mtgo.storage.Arguments;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Usernames;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.PeerMerge;
import io.mtgo.storage.spi.Retries;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.spi.StorageSettings;
import io.mtgo.storage.spi.StripedLocks;
import io.mtgo.storage.spi.UsernameClaims;
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
 * min peers or claims usernames); it frees every claimed username from its current holder before
 * writing the peers, and the unique username index makes a racing writer fail and retry instead
 * of leaving two holders.
 * <p>
 * Shardable by session: every filter carries the session field {@code s} and every unique index
 * starts with it, so a collection sharded on {@code {s: 1}} or {@code {s: "hashed"}} routes each
 * operation to one shard (only listing the session names asks all of them).
 */
public final class MongoStorage extends AbstractStorage {


    /** The unique username index, prefixed by the session (the shard key). */
    static final String PEERS_USERNAME_INDEX = "mtgo_peers_session_username_uk";

    private final MongoCollection<Document> sessions;

    private final MongoCollection<Document> peers;

    private final MongoCollection<Document> kv;

    private final MongoCollection<Document> conversations;

    private final MongoSessionLeases leases;

    /** Shared by every storage of the JVM, so storages built separately on one database take turns too. */
    private static final StripedLocks WRITER_LOCKS = new StripedLocks();

    private MongoStorage(MongoTemplate template, MongoCollectionNames names, String sessionName, StorageSettings settings) {
        super(sessionName, settings);
        this.sessions = template.getCollection(names.sessions());
        this.peers = template.getCollection(names.peers());
        this.kv = template.getCollection(names.kv());
        this.conversations = template.getCollection(names.conversations());
        this.leases = new MongoSessionLeases(template, MongoSessionLeases.DEFAULT_COLLECTION);
        createIndexes();
    }

    private MongoStorage(MongoStorage parent, String sessionName) {
        super(sessionName, parent.settings());
        this.sessions = parent.sessions;
        this.peers = parent.peers;
        this.kv = parent.kv;
        this.conversations = parent.conversations;
        this.leases = parent.leases;
    }

    private void createIndexes() {
        MongoLayoutUpgrade.upgrade(this.sessions, this.peers, this.kv, this.conversations);
        this.peers.createIndex(Indexes.ascending(SESSION, USERNAME_INDEX), new IndexOptions().unique(true).name(PEERS_USERNAME_INDEX));
        MongoLayoutUpgrade.dropIndexesNoLongerUsed(this.peers);
        // The index sh.shardCollection({s: 1}) needs, which also serves listing by s; unique because
        // _id is unique only per shard on a sharded collection, and this makes it unique throughout.
        for (MongoCollection<Document> collection : List.of(this.sessions, this.peers, this.kv, this.conversations)) {
            collection.createIndex(Indexes.ascending(SESSION, "_id"), new IndexOptions().unique(true).name("mtgo_session_id_uk"));
        }
    }

    @Override
    public String backendName() {
        return "mongodb";
    }

    @Override
    protected void doSaveSession(Session session) {
        this.sessions.replaceOne(MongoDocuments.byId(session.name(), session.name()), MongoDocuments.session(session, authKeyForStorage(session)),
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        Document document = this.sessions.find(MongoDocuments.byId(sessionName, sessionName)).first();
        return Optional.ofNullable(document)
            .map(d -> MongoDocuments.toSessionBuilder(d).authKey(authKeyFromStorage(MongoDocuments.storedAuthKey(d), sessionName)).build());
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        Bson ofSession = Filters.eq(SESSION, sessionName);
        this.peers.deleteMany(ofSession);
        this.kv.deleteMany(ofSession);
        this.conversations.deleteMany(ofSession);
        this.sessions.deleteOne(MongoDocuments.byId(sessionName, sessionName));
    }

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> batch) {
        Retries.run("savePeers of session '" + sessionName() + "'",
                failure -> failure instanceof MongoBulkWriteException bulk && isDuplicateKey(bulk), () -> {
                    writePeersSerialisedInThisJvm(batch);
                    return null;
                });
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
        UsernameClaims plan = UsernameClaims.of(batch);
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size() + 1);
        if (!plan.isEmpty()) {
            freeClaimedUsernames(plan.keys(), writes);
        }
        int conditional = 0;
        for (Peer incoming : batch) {
            Peer peer = plan.asWritten(incoming);
            Document id = MongoDocuments.peerId(sessionName(), peer.type(), peer.id());
            if (!peer.min()) {
                writes.add(new ReplaceOneModel<>(MongoDocuments.byId(sessionName(), id), MongoDocuments.peer(sessionName(), peer),
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
                Bson unchanged = MongoDocuments.byId(sessionName(), id).append("accessHash", stored.getLong("accessHash"))
                    .append("phone", stored.getString("phone")).append("min", stored.getBoolean("min"));
                writes.add(new ReplaceOneModel<>(unchanged, MongoDocuments.peer(sessionName(), merged)));
                conditional++;
            }
        }
        int replacesMatched = this.peers.bulkWrite(writes).getMatchedCount();
        if (conditional > 0 && replacesMatched < conditional) {
            // Cannot tell exactly which conditional replace missed: counts are only reliable when all
            // matched. A miss means a stored min or full peer changed meanwhile; redo the batch.
            throw new Retries.TryAgain();
        }
    }

    private Map<Long, Document> readStoredOfMinPeers(List<Peer> batch) {
        List<Document> ids = batch.stream().filter(Peer::min).map(peer -> MongoDocuments.peerId(sessionName(), peer.type(), peer.id())).toList();
        Map<Long, Document> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document document : this.peers.find(new Document(SESSION, sessionName()).append("_id", new Document("$in", ids)))) {
                stored.put(MongoDocuments.toPeer(document).markedId(), document);
            }
        }
        return stored;
    }

    /**
     * Takes the claimed usernames away from their current holders: a read of the holders, then one
     * targeted update per holder, conditional on the holder still having the username (so a
     * holder that changed meanwhile is left alone and the unique index settles the race). A
     * single {@code updateMany} would be simpler, but it could not give each holder its own
     * {@code uk} and, on a sharded collection, updates without the full shard key broadcast.
     */
    private void freeClaimedUsernames(Set<String> usernameKeys, List<WriteModel<Document>> writes) {
        List<String> claimed = usernameKeys.stream().map(key -> MongoDocuments.usernameIndexValue(sessionName(), key)).toList();
        Document byClaimed = new Document(SESSION, sessionName()).append(USERNAME_INDEX, new Document("$in", claimed));
        for (Document holder : this.peers.find(byClaimed).projection(new Document("_id", 1).append(USERNAME_INDEX, 1))) {
            Document id = holder.get("_id", Document.class);
            long markedId = PeerIds.mark(PeerType.valueOf(id.getString("t")), id.getLong("id"));
            writes.add(new UpdateOneModel<>(MongoDocuments.byId(sessionName(), id).append(USERNAME_INDEX, holder.getString(USERNAME_INDEX)),
                    Updates.combine(Updates.set(USERNAME_INDEX, MongoDocuments.noUsernameIndexValue(sessionName(), markedId)),
                            Updates.unset("username"))));
        }
    }

    private static boolean isDuplicateKey(MongoBulkWriteException ex) {
        return ex.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        return Optional.ofNullable(this.peers.find(MongoDocuments.byId(sessionName(), MongoDocuments.peerId(sessionName(), type, id))).first())
            .map(MongoDocuments::toPeer);
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        Bson byUsername = new Document(SESSION, sessionName()).append(USERNAME_INDEX, MongoDocuments.usernameIndexValue(sessionName(), usernameKey));
        return Retries.run("loadPeerByUsername of session '" + sessionName() + "'", () -> {
            Document found = this.peers.find(byUsername).first();
            if (found == null) {
                return Optional.empty();
            }
            Peer peer = MongoDocuments.toPeer(found);
            // MongoDB returns a document as it matched; mongo-java-server can return the document as a
            // concurrent update left it, after that update freed the username. Look again.
            if (!usernameKey.equals(Usernames.keyOf(peer))) {
                throw Retries.TryAgain.atOnce();
            }
            return Optional.of(peer);
        });
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        this.peers.deleteOne(MongoDocuments.byId(sessionName(), MongoDocuments.peerId(sessionName(), type, id)));
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
        this.kv.replaceOne(MongoDocuments.byId(sessionName(), id), new Document("_id", id).append(SESSION, sessionName()).append("v", value),
                new ReplaceOptions().upsert(true));
    }

    private Optional<Document> getKv(String key) {
        return Optional.ofNullable(this.kv.find(MongoDocuments.byId(sessionName(), MongoDocuments.kvId(sessionName(), key))).first());
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        Document id = MongoDocuments.conversationId(sessionName(), conversation.chatId(), conversation.userId());
        Document fields = MongoDocuments.conversationFields(conversation).append(SESSION, sessionName());
        Bson update = (conversation.createdAt() != 0)
                ? new Document("$set", fields.append("createdAt", conversation.createdAt()))
                : Updates.combine(new Document("$set", fields), Updates.setOnInsert("createdAt", now));
        UpdateResult ignored = this.conversations.updateOne(MongoDocuments.byId(sessionName(), id), update, new UpdateOptions().upsert(true));
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        return Optional
            .ofNullable(this.conversations.find(MongoDocuments.byId(sessionName(), MongoDocuments.conversationId(sessionName(), chatId, userId))).first())
            .map(MongoDocuments::toConversation);
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        this.conversations.deleteOne(MongoDocuments.byId(sessionName(), MongoDocuments.conversationId(sessionName(), chatId, userId)));
    }

    /**
     * Every session that holds anything, with or without a session record: the distinct session
     * fields of the four collections (answered from their {@code s} indexes). The one read that
     * asks every shard; a migration tool's, not the hot path's.
     */
    @Override
    protected List<String> doSessionNames() {
        Set<String> names = new TreeSet<>();
        for (MongoCollection<Document> collection : List.of(this.sessions, this.peers, this.kv, this.conversations)) {
            collection.distinct(SESSION, String.class).forEach(names::add);
        }
        return new ArrayList<>(names);
    }

    @Override
    protected List<Peer> doAllPeers() {
        List<Peer> all = new ArrayList<>();
        doForEachPeerPage(1_000, all::addAll);
        return all;
    }

    /** One cursor, fetched {@code pageSize} documents per round trip; only one page is held. */
    @Override
    protected void doForEachPeerPage(int pageSize, Consumer<List<Peer>> page) {
        List<Peer> peersOfPage = new ArrayList<>(pageSize);
        for (Document document : this.peers.find(new Document(SESSION, sessionName())).batchSize(pageSize)) {
            peersOfPage.add(MongoDocuments.toPeer(document));
            if (peersOfPage.size() == pageSize) {
                page.accept(List.copyOf(peersOfPage));
                peersOfPage.clear();
            }
        }
        if (!peersOfPage.isEmpty()) {
            page.accept(List.copyOf(peersOfPage));
        }
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

    /**
     * Starts building a storage on the application's {@link MongoTemplate} (never closed by the
     * storage).
     * @param template the template
     * @return a builder
     */
    public static Builder builder(MongoTemplate template) {
        return new Builder(Arguments.requireNonNull(template, "template"));
    }

    /**
     * Builds a {@link MongoStorage}. Only {@link #sessionName(String)} is required.
     */
    public static final class Builder extends StorageBuilder<Builder> {

        private final MongoTemplate template;

        private MongoCollectionNames collectionNames = MongoCollectionNames.DEFAULT;

        private Builder(MongoTemplate template) {
            this.template = template;
        }

        /**
         * Sets the collection names ({@link MongoCollectionNames#DEFAULT} by default).
         * @param collectionNames the names
         * @return this builder
         */
        public Builder collectionNames(MongoCollectionNames collectionNames) {
            this.collectionNames = Arguments.requireNonNull(collectionNames, "collectionNames");
            return this;
        }

        /**
         * Creates the indexes (Spring Data does not create them by default), upgrading an older
         * layout, and returns the storage.
         * @return the storage
         */
        @Override
        public MongoStorage build() {
            return new MongoStorage(this.template, this.collectionNames, requiredSessionName(), settings());
        }

    }

}
