package io.mtgo.storage.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.SessionNames;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Usernames;
import org.jspecify.annotations.Nullable;

/**
 * The shared half of every backend: argument validation, session scoping, timestamps, the
 * closed state, and turning backend failures into {@link StorageException}s. A backend implements
 * only the {@code do*} methods, which always receive valid arguments.
 * <p>
 * Failures thrown by a {@code do*} method, whatever their type, become a {@link StorageException}
 * naming the operation and session, with the original as cause.
 */
public abstract class AbstractStorage implements Storage, ConversationStore, StorageContents {

    /** Metadata keys, shared so that every backend stores the same names. */
    protected static final String KEY_USER_ID = "user_id";

    /** Metadata key of {@link #setIsBot(boolean)}. */
    protected static final String KEY_IS_BOT = "is_bot";

    /** Metadata key of {@link #setFirstName(String)}. */
    protected static final String KEY_FIRST_NAME = "first_name";

    /** Metadata key of {@link #setLastName(String)}. */
    protected static final String KEY_LAST_NAME = "last_name";

    /** Metadata key of {@link #setUsername(String)}. */
    protected static final String KEY_USERNAME = "username";

    private final String sessionName;

    private final AtomicBoolean closed = new AtomicBoolean();

    private final StorageSettings settings;

    private final StorageObserver observer;

    private final boolean peerCaching;

    private final AuthKeyCipher authKeyCipher;

    private volatile @Nullable SessionLeases leases;

    /**
     * Creates the storage of one session.
     * @param sessionName the session this storage is scoped to
     * @param settings what it carries: from its {@link StorageBuilder}, or for a
     * {@link #withSession(String) view} from the storage it was made from ({@link #settings()})
     */
    protected AbstractStorage(String sessionName, StorageSettings settings) {
        this.sessionName = SessionNames.requireValid(sessionName, "sessionName");
        this.settings = Arguments.requireNonNull(settings, "settings");
        this.observer = settings.observer();
        this.peerCaching = settings.peerCaching();
        this.authKeyCipher = settings.authKeyCipher();
    }

    /** @return what this storage carries, for the views {@link #withSession(String)} makes */
    protected final StorageSettings settings() {
        return this.settings;
    }

    /**
     * Returns the key under which the update state of a DC is stored as metadata.
     * @param dcId a valid DC id
     * @return the metadata key
     */
    protected static String updateStateKey(int dcId) {
        return "update_state:" + dcId;
    }

    @Override
    public final String sessionName() {
        return this.sessionName;
    }

    /**
     * Returns a short name of the backend, used in messages and metrics (for example
     * {@code "memory"} or {@code "jpa"}).
     * @return the backend's name
     */
    public abstract String backendName();

    // sessions

    @Override
    public final void saveSession(Session session) {
        Arguments.requireNonNull(session, "session");
        run("saveSession", () -> doSaveSession(session));
    }

    @Override
    public final Optional<Session> loadSession(String sessionName) {
        SessionNames.requireValid(sessionName, "sessionName");
        return call("loadSession", () -> doLoadSession(sessionName));
    }

    /**
     * Reads this storage's own session from the backend, for a health check. Reported to the
     * observer as {@code "healthCheck"}: probes every few seconds would otherwise count as the
     * application's {@code loadSession} calls in its rate and latency.
     * @return whether the session is stored
     * @throws StorageException when the backend fails or the storage is closed
     */
    public final boolean checkHealth() {
        return call("healthCheck", () -> doLoadSession(this.sessionName).isPresent());
    }

    @Override
    public final void deleteSession(String sessionName) {
        SessionNames.requireValid(sessionName, "sessionName");
        run("deleteSession", () -> doDeleteSession(sessionName));
    }

    // peers

    @Override
    public final void savePeer(Peer peer) {
        Arguments.requireNonNull(peer, "peer");
        if (!this.peerCaching) {
            ensureOpen();
            return;
        }
        Peer stamped = (peer.lastUpdated() != 0) ? peer : stamp(peer, now());
        run("savePeer", () -> doSavePeer(stamped));
    }

    @Override
    public final void savePeers(Collection<Peer> peers) {
        Arguments.requireNoNullElements(peers, "peers");
        if (peers.isEmpty() || !this.peerCaching) {
            ensureOpen();
            return;
        }
        long now = now();
        List<Peer> stamped = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            stamped.add(stamp(peer, now));
        }
        List<Peer> unique = hasDuplicatePeers(stamped) ? foldRepeatedPeers(stamped) : stamped;
        run("savePeers", () -> doSavePeers(unique));
    }

    /** Sorted primitive marked ids: no boxing or hashing on the common path of a batch without duplicates. */
    private static boolean hasDuplicatePeers(List<Peer> peers) {
        long[] ids = new long[peers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = peers.get(i).markedId();
        }
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * One peer per marked id, as if the peers were saved one after another: each occurrence is
     * merged over the earlier one ({@link PeerMerge}), so a min peer after a full one keeps its
     * access hash, and the peer moves to its last position (its username claim is the latest).
     */
    private static List<Peer> foldRepeatedPeers(List<Peer> peers) {
        Map<Long, Peer> byMarkedId = new LinkedHashMap<>(peers.size() * 2);
        for (Peer peer : peers) {
            Peer earlier = byMarkedId.remove(peer.markedId());
            byMarkedId.put(peer.markedId(), PeerMerge.merge(earlier, peer));
        }
        return new ArrayList<>(byMarkedId.values());
    }

    @Override
    public final Optional<Peer> loadPeer(PeerType type, long id) {
        PeerIds.requireValid(type, id, "id");
        if (!this.peerCaching) {
            ensureOpen();
            return Optional.empty();
        }
        // The peer reads and setUpdateState, the hottest operations, call the backend directly rather
        // than through call(...)/run(...): there the lambda goes through one action.get() that every
        // operation shares, which the JIT cannot inline, so each call paid an allocation and an
        // indirect call (tens of nanoseconds, most of a call on the memory backend).
        ensureOpen();
        long start = startTime();
        try {
            Optional<Peer> peer = doLoadPeer(type, id);
            report("loadPeer", start, null);
            return peer;
        }
        catch (RuntimeException ex) {
            throw reportedFailure("loadPeer", start, ex);
        }
    }

    @Override
    public final Optional<Peer> loadPeerByUsername(String username) {
        // Every stored key passed Usernames.key, so a name that is one is valid as it stands: the usual
        // read (a name already in lower case) skips the validation, which was half of a read on the
        // memory backend. Any other name, and every name on a backend without the shortcut, is
        // validated first as before; an oversize one is not even hashed. The rest is a method of its
        // own so that this one stays small enough for the JIT to inline into the caller.
        if (this.peerCaching && username != null && username.length() <= Usernames.MAX_LENGTH && !this.closed.get()) {
            long start = startTime();
            Peer held;
            try {
                held = doFindPeerByStoredKey(username);
            }
            catch (RuntimeException ex) {
                throw reportedFailure("loadPeerByUsername", start, ex);
            }
            if (held != null) {
                report("loadPeerByUsername", start, null);
                return Optional.of(held);
            }
        }
        return loadPeerByValidatedUsername(username);
    }

    private Optional<Peer> loadPeerByValidatedUsername(String username) {
        String key = Usernames.key(username, "username");
        if (!this.peerCaching) {
            ensureOpen();
            return Optional.empty();
        }
        ensureOpen();
        long start = startTime();
        try {
            Optional<Peer> peer = doLoadPeerByUsername(key);
            report("loadPeerByUsername", start, null);
            return peer;
        }
        catch (RuntimeException ex) {
            throw reportedFailure("loadPeerByUsername", start, ex);
        }
    }

    @Override
    public final void deletePeer(PeerType type, long id) {
        PeerIds.requireValid(type, id, "id");
        if (!this.peerCaching) {
            ensureOpen();
            return;
        }
        run("deletePeer", () -> doDeletePeer(type, id));
    }

    // metadata

    @Override
    public final void setUserId(long id) {
        run("setUserId", () -> doSetMetadata(KEY_USER_ID, Long.toString(id)));
    }

    @Override
    public final OptionalLong getUserId() {
        Optional<String> value = call("getUserId", () -> doGetMetadata(KEY_USER_ID));
        return value.map(v -> OptionalLong.of(parseLong(v))).orElse(OptionalLong.empty());
    }

    @Override
    public final void setIsBot(boolean isBot) {
        run("setIsBot", () -> doSetMetadata(KEY_IS_BOT, Boolean.toString(isBot)));
    }

    @Override
    public final Optional<Boolean> getIsBot() {
        return call("getIsBot", () -> doGetMetadata(KEY_IS_BOT)).map(Boolean::valueOf);
    }

    @Override
    public final void setFirstName(String name) {
        Arguments.requireText(name, Arguments.MAX_TEXT_LENGTH, "firstName");
        run("setFirstName", () -> doSetMetadata(KEY_FIRST_NAME, name));
    }

    @Override
    public final Optional<String> getFirstName() {
        return call("getFirstName", () -> doGetMetadata(KEY_FIRST_NAME));
    }

    @Override
    public final void setLastName(String name) {
        Arguments.requireText(name, Arguments.MAX_TEXT_LENGTH, "lastName");
        run("setLastName", () -> doSetMetadata(KEY_LAST_NAME, name));
    }

    @Override
    public final Optional<String> getLastName() {
        return call("getLastName", () -> doGetMetadata(KEY_LAST_NAME));
    }

    @Override
    public final void setUsername(String name) {
        String display = Usernames.display(name, "username");
        run("setUsername", () -> doSetMetadata(KEY_USERNAME, display));
    }

    @Override
    public final Optional<String> getUsername() {
        return call("getUsername", () -> doGetMetadata(KEY_USERNAME));
    }

    // update state

    @Override
    public final void setUpdateState(int dcId, byte[] state) {
        Arguments.requireDcId(dcId, "dcId");
        byte[] copy = Arguments.requireUpdateState(state, "state").clone();
        // Called for every batch of updates: spelled out like the peer reads (see loadPeer).
        ensureOpen();
        long start = startTime();
        try {
            doSetUpdateState(dcId, copy);
            report("setUpdateState", start, null);
        }
        catch (RuntimeException ex) {
            throw reportedFailure("setUpdateState", start, ex);
        }
    }

    @Override
    public final Optional<byte[]> getUpdateState(int dcId) {
        Arguments.requireDcId(dcId, "dcId");
        return call("getUpdateState", () -> doGetUpdateState(dcId));
    }

    // conversations

    @Override
    public final void saveConversation(Conversation conversation) {
        Arguments.requireNonNull(conversation, "conversation");
        long now = now();
        Conversation stamped = (conversation.updatedAt() != 0) ? conversation
                : conversation.toBuilder().updatedAt(now).build();
        run("saveConversation", () -> doSaveConversation(stamped, now));
    }

    @Override
    public final Optional<Conversation> loadConversation(long chatId, long userId) {
        return call("loadConversation", () -> doLoadConversation(chatId, userId));
    }

    @Override
    public final void deleteConversation(long chatId, long userId) {
        run("deleteConversation", () -> doDeleteConversation(chatId, userId));
    }

    // contents, for copies between backends

    @Override
    public final List<String> sessionNames() {
        return call("sessionNames", this::doSessionNames);
    }

    @Override
    public final List<Peer> allPeers() {
        return call("allPeers", this::doAllPeers);
    }

    /**
     * Pages through the peers with {@link #doForEachPeerPage}. A failure of the storage is a
     * {@link StorageException}; what {@code page} itself throws passes through unchanged.
     */
    @Override
    public final void forEachPeerPage(int pageSize, java.util.function.Consumer<List<Peer>> page) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1 but was " + pageSize);
        }
        Arguments.requireNonNull(page, "page");
        PageFailure failure = new PageFailure();
        try {
            run("forEachPeerPage", () -> doForEachPeerPage(pageSize, peers -> {
                try {
                    page.accept(peers);
                }
                catch (RuntimeException ex) {
                    failure.thrown = ex;
                    throw ex;
                }
            }));
        }
        catch (StorageException ex) {
            throw (failure.thrown != null) ? failure.thrown : ex;
        }
    }

    @Override
    public final Map<Integer, byte[]> allUpdateStates() {
        return call("allUpdateStates", this::doAllUpdateStates);
    }

    @Override
    public final List<Conversation> allConversations() {
        return call("allConversations", this::doAllConversations);
    }

    // scope and lifecycle

    @Override
    public final Storage forSession(String sessionName) {
        SessionNames.requireValid(sessionName, "sessionName");
        ensureOpen();
        return withSession(sessionName);
    }

    @Override
    public final SessionLeases leases() {
        ensureOpen();
        SessionLeases current = this.leases;
        if (current == null) {
            // Racing threads may each build one; they are stateless views over the same store.
            current = createLeases();
            this.leases = current;
        }
        return current;
    }

    /**
     * Returns the bytes a backend stores for a session's auth key: the key itself, or its
     * encrypted form when encryption is configured. Backends never store {@code session.authKey()}
     * directly.
     * @param session the session being saved
     * @return the bytes to store, or {@code null} when the session has no auth key
     */
    protected final byte @Nullable [] authKeyForStorage(Session session) {
        return this.authKeyCipher.seal(session.authKey(), session.name());
    }

    /**
     * Returns the auth key from the bytes a backend stored with {@link #authKeyForStorage}.
     * @param stored the stored bytes, or {@code null}
     * @param sessionName the session they belong to
     * @return the 256-byte auth key, or {@code null}
     */
    protected final byte @Nullable [] authKeyFromStorage(byte @Nullable [] stored, String sessionName) {
        return this.authKeyCipher.open(stored, sessionName);
    }

    @Override
    public final void close() {
        if (this.closed.compareAndSet(false, true)) {
            run("close", this::doClose, false);
        }
    }

    /**
     * Whether {@link #close()} was called.
     * @return whether this storage is closed
     */
    protected final boolean isClosed() {
        return this.closed.get();
    }

    /**
     * The current time in epoch milliseconds, used for {@link Peer#lastUpdated()} and conversation
     * timestamps left at 0.
     * @return the current time
     */
    protected long now() {
        return System.currentTimeMillis();
    }

    /**
     * Runs a backend action, turning its failures into a {@link StorageException}.
     * @param <T> the result type
     * @param operation the operation's name, for the message
     * @param action the backend action
     * @return the action's result
     */
    protected final <T> T call(String operation, Supplier<T> action) {
        ensureOpen();
        long start = startTime();
        try {
            T result = action.get();
            report(operation, start, null);
            return result;
        }
        catch (RuntimeException ex) {
            throw reportedFailure(operation, start, ex);
        }
    }

    private void run(String operation, Runnable action) {
        run(operation, action, true);
    }

    private void run(String operation, Runnable action, boolean requireOpen) {
        if (requireOpen) {
            ensureOpen();
        }
        long start = startTime();
        try {
            action.run();
            report(operation, start, null);
        }
        catch (RuntimeException ex) {
            throw reportedFailure(operation, start, ex);
        }
    }

    private StorageException reportedFailure(String operation, long start, RuntimeException ex) {
        StorageException failure = translate(operation, ex);
        report(operation, start, failure);
        return failure;
    }

    /** Reads the clock only when somebody listens: in-memory operations take tens of nanoseconds. */
    private long startTime() {
        return (this.observer != StorageObserver.NONE) ? System.nanoTime() : 0L;
    }

    private void report(String operation, long start, @Nullable StorageException failure) {
        StorageObserver current = this.observer;
        if (current != StorageObserver.NONE) {
            current.onOperation(backendName(), operation, System.nanoTime() - start, failure);
        }
    }

    private StorageException translate(String operation, RuntimeException ex) {
        return (ex instanceof StorageException storageException) ? storageException : failure(operation, ex);
    }

    private StorageException failure(String operation, RuntimeException cause) {
        return new StorageException(operation + " failed for session '" + this.sessionName + "' on the " + backendName()
                + " storage: " + FailureMessages.describe(cause), cause);
    }

    private void ensureOpen() {
        if (this.closed.get()) {
            throw new IllegalStateException("The " + backendName() + " storage of session '" + this.sessionName + "' is closed");
        }
    }

    private static Peer stamp(Peer peer, long now) {
        return (peer.lastUpdated() != 0) ? peer : peer.withLastUpdated(now);
    }

    private long parseLong(String value) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new StorageException("Stored user id of session '" + this.sessionName + "' is not a number", ex);
        }
    }

    // the backend's half

    /** @param session a valid session to insert or replace, by name */
    protected abstract void doSaveSession(Session session);

    /** @param sessionName a valid name @return the session, or empty */
    protected abstract Optional<Session> doLoadSession(String sessionName);

    /** @param sessionName a valid name; delete the session and every record scoped to it */
    protected abstract void doDeleteSession(String sessionName);

    /**
     * Saves a peer atomically in {@link #sessionName()}: apply {@link PeerMerge} against the stored
     * peer of the same type and id, and take the peer's username away from any other peer of the session.
     * @param peer a valid peer with {@link Peer#lastUpdated()} set
     */
    protected abstract void doSavePeer(Peer peer);

    /**
     * Saves peers all-or-nothing, in one round trip or transaction, with the rules of
     * {@link #doSavePeer(Peer)}.
     * @param peers valid peers with distinct (type, id) pairs, at least one
     */
    protected abstract void doSavePeers(List<Peer> peers);

    /** @param type the peer type @param id a valid id of that type @return the peer of {@link #sessionName()}, or empty */
    protected abstract Optional<Peer> doLoadPeer(PeerType type, long id);

    /** @param usernameKey a lower-case key from {@link Usernames#key} @return the peer holding it, or empty */
    protected abstract Optional<Peer> doLoadPeerByUsername(String usernameKey);

    /**
     * The shortcut of {@link #loadPeerByUsername} for backends that answer from the JVM's memory: the
     * peer whose stored username key is exactly {@code name}, compared as it stands. {@code name} is
     * not validated (a valid key is what a hit proves), so a backend must only look it up, never
     * store or send it anywhere. {@code null} sends the read the usual way: validation, then
     * {@link #doLoadPeerByUsername}. The default has no shortcut: for a backend a round trip away,
     * a miss would cost a second one.
     * @param name the argument of {@code loadPeerByUsername}, at most {@link Usernames#MAX_LENGTH} characters
     * @return the peer, or {@code null} when none holds exactly that key
     */
    protected @Nullable Peer doFindPeerByStoredKey(String name) {
        return null;
    }

    /** @param type the peer type @param id a valid id of that type, to delete from {@link #sessionName()} */
    protected abstract void doDeletePeer(PeerType type, long id);

    /** @param key one of the {@code KEY_*} constants @param value the text value */
    protected abstract void doSetMetadata(String key, String value);

    /** @param key one of the {@code KEY_*} constants @return the value, or empty */
    protected abstract Optional<String> doGetMetadata(String key);

    /** @param dcId a valid DC id @param state a private copy of the bytes */
    protected abstract void doSetUpdateState(int dcId, byte[] state);

    /** @param dcId a valid DC id @return the bytes (the caller may keep them), or empty */
    protected abstract Optional<byte[]> doGetUpdateState(int dcId);

    /**
     * Saves a conversation in {@link #sessionName()}. When {@code conversation.createdAt()} is 0,
     * keep the stored creation time, or use {@code now} for a new conversation.
     * @param conversation a valid conversation with {@code updatedAt} set
     * @param now the current time, for a missing creation time
     */
    protected abstract void doSaveConversation(Conversation conversation, long now);

    /** @param chatId the chat id @param userId the user id @return the conversation, or empty */
    protected abstract Optional<Conversation> doLoadConversation(long chatId, long userId);

    /** @param chatId the chat id @param userId the user id */
    protected abstract void doDeleteConversation(long chatId, long userId);

    /** @return the name of every session that holds anything: session record, peers, metadata, update state or conversations */
    protected abstract List<String> doSessionNames();

    /** @return every peer of {@link #sessionName()} */
    protected abstract List<Peer> doAllPeers();

    /**
     * Hands the peers of {@link #sessionName()} over a page at a time. This default splits
     * {@link #doAllPeers()}; a backend that can read a page per round trip overrides it.
     * @param pageSize the most peers per page, at least 1
     * @param page receives each non-empty page
     */
    protected void doForEachPeerPage(int pageSize, java.util.function.Consumer<List<Peer>> page) {
        List<Peer> all = doAllPeers();
        for (int start = 0; start < all.size(); start += pageSize) {
            page.accept(new ArrayList<>(all.subList(start, Math.min(all.size(), start + pageSize))));
        }
    }

    /** @return every DC's update state of {@link #sessionName()} */
    protected abstract Map<Integer, byte[]> doAllUpdateStates();

    /** @return every conversation of {@link #sessionName()} */
    protected abstract List<Conversation> doAllConversations();

    /**
     * Returns the DC id of a key made by {@link #updateStateKey(int)}, or -1 for any other key.
     * @param key a metadata key
     * @return the DC id, or -1
     */
    protected static int dcIdOfUpdateStateKey(String key) {
        return key.startsWith("update_state:") ? Integer.parseInt(key.substring("update_state:".length())) : -1;
    }

    /**
     * Returns this backend scoped to another session, over the same connections, with the same
     * {@link #settings()}.
     * @param sessionName a valid session name
     * @return the other session's storage
     */
    protected abstract AbstractStorage withSession(String sessionName);

    /**
     * Creates this backend's session leases, on the same connections as the storage and with the
     * backend's own atomic primitive; called at most once or twice per storage, lazily.
     * @return the leases
     */
    protected abstract SessionLeases createLeases();

    /** What the consumer of {@link #forEachPeerPage} threw, told apart from a failure of the storage. */
    private static final class PageFailure {

        @Nullable RuntimeException thrown;

    }

    /** Releases what this storage created itself; called once. Never closes app-owned beans. */
    protected void doClose() {
    }

}
