package io.mtgo.storage.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.memory.SessionData.ConversationKey;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.spi.StorageSettings;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link io.mtgo.storage.Storage} in the JVM's heap. Nothing survives a restart: use
 * it for tests and throw-away bots. Lookups by id and by username are single hash-map reads.
 */
public final class MemoryStorage extends AbstractStorage {

    private final Map<String, Session> sessions;

    private final Map<String, SessionData> dataBySession;

    private final MemorySessionLeases leases;

    /**
     * The session's data as last found in {@link #dataBySession}, while it is live: a call then
     * costs no lookup by name (a read by id took 8 instead of 11 ns). A deleted session's data is
     * marked dead before it leaves the map, so the next call looks the name up again.
     */
    private volatile @Nullable SessionData lastFound;

    private MemoryStorage(String sessionName, StorageSettings settings, Map<String, Session> sessions,
            Map<String, SessionData> dataBySession, MemorySessionLeases leases) {
        super(sessionName, settings);
        this.sessions = sessions;
        this.dataBySession = dataBySession;
        this.leases = leases;
    }

    @Override
    public String backendName() {
        return "memory";
    }

    @Override
    protected void doSaveSession(Session session) {
        this.sessions.put(session.name(), session);
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        return Optional.ofNullable(this.sessions.get(sessionName));
    }

    @Override
    protected void doDeleteSession(String sessionName) {
        this.sessions.remove(sessionName);
        SessionData data = this.dataBySession.get(sessionName);
        if (data != null) {
            // Dead before it leaves the map: a storage that kept it (lastFound) must not write into it
            // once a writer without it can have started the session's fresh data. Removed only if
            // still there, so a concurrent deletion cannot take out that fresh data unmarked.
            data.markDeleted();
            this.dataBySession.remove(sessionName, data);
        }
    }

    @Override
    protected void doSavePeer(Peer peer) {
        write(data -> data.putPeer(peer));
    }

    @Override
    protected void doSavePeers(List<Peer> peers) {
        // Every peer is valid already, so nothing below can fail half-way: all or nothing holds.
        write(data -> peers.forEach(data::putPeer));
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        SessionData data = read();
        return (data != null) ? Optional.ofNullable(data.peer(PeerIds.mark(type, id))) : Optional.empty();
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        SessionData data = read();
        return (data != null) ? Optional.ofNullable(data.peerByUsername(usernameKey)) : Optional.empty();
    }

    /** A probe of the username index: the name is hashed and compared, never stored. */
    @Override
    protected @Nullable Peer doFindPeerByStoredKey(String name) {
        SessionData data = read();
        return (data != null) ? data.peerByUsername(name) : null;
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        long markedId = PeerIds.mark(type, id);
        write(data -> data.removePeer(markedId));
    }

    @Override
    protected void doSetMetadata(String key, String value) {
        putUnlocked(data -> data.metadata, key, value);
    }

    @Override
    protected Optional<String> doGetMetadata(String key) {
        SessionData data = read();
        return (data != null) ? Optional.ofNullable(data.metadata.get(key)) : Optional.empty();
    }

    @Override
    protected void doSetUpdateState(int dcId, byte[] state) {
        putUnlocked(data -> data.updateStates, dcId, state);
    }

    @Override
    protected Optional<byte[]> doGetUpdateState(int dcId) {
        SessionData data = read();
        byte[] state = (data != null) ? data.updateStates.get(dcId) : null;
        return (state != null) ? Optional.of(state.clone()) : Optional.empty();
    }

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        ConversationKey key = new ConversationKey(conversation.chatId(), conversation.userId());
        write(data -> {
            Conversation stored = data.conversations.get(key);
            Conversation toStore = conversation;
            if (conversation.createdAt() == 0) {
                long createdAt = (stored != null) ? stored.createdAt() : now;
                toStore = conversation.toBuilder().createdAt(createdAt).build();
            }
            data.conversations.put(key, toStore);
        });
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        SessionData data = read();
        return (data != null) ? Optional.ofNullable(data.conversations.get(new ConversationKey(chatId, userId)))
                : Optional.empty();
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        write(data -> data.conversations.remove(new ConversationKey(chatId, userId)));
    }

    @Override
    protected List<String> doSessionNames() {
        // Also sessions with peers, metadata or state but no session record: a copy must not skip them.
        java.util.Set<String> names = new java.util.TreeSet<>(this.sessions.keySet());
        names.addAll(this.dataBySession.keySet());
        return List.copyOf(names);
    }

    @Override
    protected List<Peer> doAllPeers() {
        SessionData data = read();
        return (data != null) ? data.peers() : List.of();
    }

    @Override
    protected Map<Integer, byte[]> doAllUpdateStates() {
        SessionData data = read();
        Map<Integer, byte[]> states = new java.util.TreeMap<>();
        if (data != null) {
            data.updateStates.forEach((dc, state) -> states.put(dc, state.clone()));
        }
        return states;
    }

    @Override
    protected List<Conversation> doAllConversations() {
        SessionData data = read();
        return (data != null) ? List.copyOf(data.conversations.values()) : List.of();
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new MemoryStorage(sessionName, settings(), this.sessions, this.dataBySession, this.leases);
    }

    @Override
    protected SessionLeases createLeases() {
        return this.leases;
    }

    private @Nullable SessionData read() {
        SessionData data = liveLastFound();
        if (data == null) {
            data = this.dataBySession.get(sessionName());
            this.lastFound = data;
        }
        return data;
    }

    private SessionData liveOrNewData() {
        SessionData data = liveLastFound();
        if (data == null) {
            data = this.dataBySession.computeIfAbsent(sessionName(), name -> new SessionData());
            this.lastFound = data;
        }
        return data;
    }

    private @Nullable SessionData liveLastFound() {
        SessionData data = this.lastFound;
        return (data != null && data.live()) ? data : null;
    }

    /**
     * Puts into one of the session's concurrent maps without its lock (see SessionData#live): called
     * for every batch of updates. The map is chosen by a lambda that captures nothing, so no call
     * allocates one.
     */
    private <K, V> void putUnlocked(Function<SessionData, Map<K, V>> map, K key, V value) {
        SessionData data;
        do {
            data = liveOrNewData();
            map.apply(data).put(key, value);
        }
        while (!data.live());
    }

    private void write(Consumer<SessionData> change) {
        while (true) {
            SessionData data = liveOrNewData();
            if (data.write(() -> change.accept(data))) {
                return;
            }
        }
    }

    /**
     * Starts building an empty in-memory storage. Nothing in it survives the JVM.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link MemoryStorage}. Only {@link #sessionName(String)} is required.
     */
    public static final class Builder extends StorageBuilder<Builder> {

        private Builder() {
        }

        @Override
        public MemoryStorage build() {
            return new MemoryStorage(requiredSessionName(), settings(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                    new MemorySessionLeases());
        }

    }

}
