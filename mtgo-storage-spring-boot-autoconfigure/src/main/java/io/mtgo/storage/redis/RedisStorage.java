package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Arguments;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Usernames;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * A {@link io.mtgo.storage.Storage} in Redis, on the application's {@link RedisConnectionFactory}
 * (the key layout is described in {@code RedisKeys}). Sessions, peers, metadata, update state and
 * conversations are hashes; a username index maps each username to its peer. Every write that
 * touches more than one key or field set runs as a Lua script, so it is atomic; reads are single
 * commands or one pipeline.
 * <p>
 * Peers and their usernames, and conversations, may expire ({@link Builder#peerTtl},
 * {@link Builder#conversationTtl}); the session, its metadata and update state never do.
 * Closing the storage never closes the connection factory, which stays the application's.
 */
public final class RedisStorage extends AbstractStorage {

    /** A guarded save conflicts only when another writer changed the same min peer meanwhile. */
    private static final int MAX_SAVE_ATTEMPTS = 16;

    private static final int DELETE_BATCH_SIZE = 512;

    private static final byte[] NO_TTL = { '0' };

    /** Script replies are raw bytes; typed as the scripts' result type by the script itself. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static final RedisSerializer RESULT_SERIALIZER = RedisSerializer.byteArray();

    private final Shared shared;

    private RedisStorage(String sessionName, Shared shared) {
        super(sessionName);
        this.shared = shared;
    }

    /**
     * Starts building a storage on a connection factory.
     * @param connectionFactory the application's connection factory; never closed by the storage
     * @return the builder
     */
    public static Builder builder(RedisConnectionFactory connectionFactory) {
        return new Builder(Arguments.requireNonNull(connectionFactory, "connectionFactory"));
    }

    @Override
    public String backendName() {
        return "redis";
    }

    /** @return the prefix every key of this storage starts with */
    public String keyPrefix() {
        return this.shared.keys.prefix();
    }

    // sessions

    @Override
    protected void doSaveSession(Session session) {
        replaceHash(this.shared.keys.session(session.name()), RedisHashCodec.encodeSession(session, authKeyForStorage(session)), NO_TTL, null);
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        HashFields fields = hashOf(this.shared.keys.session(sessionName), "session");
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodeSession(sessionName, fields, stored -> authKeyFromStorage(stored, sessionName)));
    }

    /**
     * Deletes the session's keys found by SCAN over its own pattern (never KEYS, which blocks the
     * server). Not atomic against a writer of the same session running at the same moment.
     */
    @Override
    protected void doDeleteSession(String sessionName) {
        String anyKey = this.shared.keys.session(sessionName);
        ScanOptions options = ScanOptions.scanOptions().match(this.shared.keys.sessionPattern(sessionName)).count(1000).build();
        this.shared.template.execute((RedisCallback<Void>) connection -> {
            try (Cursor<byte[]> cursor = scan(connection, options, RedisKeys.bytes(anyKey))) {
                List<byte[]> batch = new ArrayList<>(DELETE_BATCH_SIZE);
                while (cursor.hasNext()) {
                    batch.add(cursor.next());
                    if (batch.size() == DELETE_BATCH_SIZE) {
                        connection.keyCommands().unlink(batch.toArray(byte[][]::new));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    connection.keyCommands().unlink(batch.toArray(byte[][]::new));
                }
            }
            return null;
        });
    }

    /** On a cluster, SCAN the one node that serves the session's slot: all its keys live there. */
    private static Cursor<byte[]> scan(RedisConnection connection, ScanOptions options, byte[] anyKeyOfTheSession) {
        if (connection instanceof RedisClusterConnection cluster) {
            return cluster.scan(cluster.clusterGetNodeForKey(anyKeyOfTheSession), options);
        }
        return connection.keyCommands().scan(options);
    }

    // peers

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    /**
     * Saves the peers with one script call. The min-peer rule stays in Java
     * ({@link io.mtgo.storage.PeerMerge}, applied in {@link SavePeersArguments}):
     * min peers are merged against their stored records, read in one pipeline beforehand, and the
     * script writes only if those records' credential fields are still what was read; otherwise
     * the save starts over. Batches without min peers need no read at all.
     */
    @Override
    protected void doSavePeers(List<Peer> peers) {
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            SavePeersArguments call = SavePeersArguments.of(this.shared.keys, sessionName(), peers,
                    readStoredMinPeers(peers), this.shared.peerTtl);
            Long saved = execute(RedisScripts.SAVE_PEERS, call.keys, call.args);
            if (saved == null) {
                throw new StorageException("Redis gave no reply to savePeers of session '" + sessionName() + "'");
            }
            if (saved == 1L) {
                return;
            }
        }
        throw new StorageException("savePeers of session '" + sessionName() + "' kept conflicting with concurrent "
                + "writers of the same min peers; gave up after " + MAX_SAVE_ATTEMPTS + " attempts");
    }

    private Map<Long, HashFields> readStoredMinPeers(List<Peer> peers) {
        List<Peer> minPeers = peers.stream().filter(Peer::min).toList();
        if (minPeers.isEmpty()) {
            return Map.of();
        }
        List<Object> replies = this.shared.template.executePipelined((RedisCallback<Object>) connection -> {
            for (Peer peer : minPeers) {
                connection.hashCommands().hGetAll(RedisKeys.bytes(this.shared.keys.peer(sessionName(), peer.markedId())));
            }
            return null;
        });
        Map<Long, HashFields> stored = new HashMap<>(minPeers.size() * 2);
        for (int i = 0; i < minPeers.size(); i++) {
            long id = minPeers.get(i).markedId();
            stored.put(id, HashFields.of(hashReply(replies.get(i)), "peer " + id + " of session '" + sessionName() + "'"));
        }
        return stored;
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        long markedId = PeerIds.mark(type, id);
        HashFields fields = hashOf(this.shared.keys.peer(sessionName(), markedId), "peer " + markedId);
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodePeer(markedId, fields));
    }

    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        List<byte[]> keys = List.of(RedisKeys.bytes(this.shared.keys.username(sessionName(), usernameKey)));
        List<byte[]> args = List.of(RedisKeys.bytes(this.shared.keys.peerPrefix(sessionName())));
        @SuppressWarnings("unchecked")
        List<byte[]> reply = execute(RedisScripts.PEER_BY_USERNAME, keys, args);
        if (reply == null || reply.size() < 3) {
            return Optional.empty();
        }
        String idText = new String(reply.get(0), StandardCharsets.UTF_8);
        long id;
        try {
            id = Long.parseLong(idText);
        }
        catch (NumberFormatException ex) {
            throw new StorageException("Stored username index entry '" + usernameKey + "' of session '" + sessionName()
                    + "' does not hold a peer id");
        }
        Peer peer = RedisHashCodec.decodePeer(id, HashFields.ofFlat(reply.subList(1, reply.size()), "peer " + id));
        // The scripts keep index and peers consistent; this only guards against hand-edited data.
        return usernameKey.equals(Usernames.keyOf(peer.username())) ? Optional.of(peer) : Optional.empty();
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        long markedId = PeerIds.mark(type, id);
        List<byte[]> keys = List.of(RedisKeys.bytes(this.shared.keys.peer(sessionName(), markedId)));
        List<byte[]> args = List.of(RedisKeys.bytes(this.shared.keys.usernamePrefix(sessionName())),
                RedisKeys.bytes(RedisHashCodec.PEER_USERNAME), RedisKeys.bytes(Long.toString(markedId)));
        execute(RedisScripts.DELETE_PEER, keys, args);
    }

    // metadata and update state: one field of one hash, a single atomic HSET

    @Override
    protected void doSetMetadata(String key, String value) {
        hashSet(this.shared.keys.metadata(sessionName()), key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected Optional<String> doGetMetadata(String key) {
        byte[] value = hashGet(this.shared.keys.metadata(sessionName()), key);
        return (value != null) ? Optional.of(new String(value, StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    protected void doSetUpdateState(int dcId, byte[] state) {
        hashSet(this.shared.keys.updateState(sessionName()), Integer.toString(dcId), state);
    }

    @Override
    protected Optional<byte[]> doGetUpdateState(int dcId) {
        return Optional.ofNullable(hashGet(this.shared.keys.updateState(sessionName()), Integer.toString(dcId)));
    }

    // conversations

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        String key = this.shared.keys.conversation(sessionName(), conversation.chatId(), conversation.userId());
        String keepCreatedAt = (conversation.createdAt() == 0) ? RedisHashCodec.CONVERSATION_CREATED_AT : null;
        replaceHash(key, RedisHashCodec.encodeConversation(conversation, now), this.shared.conversationTtl, keepCreatedAt);
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        HashFields fields = hashOf(this.shared.keys.conversation(sessionName(), chatId, userId),
                "conversation " + chatId + "/" + userId);
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodeConversation(chatId, userId, fields));
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        byte[] key = RedisKeys.bytes(this.shared.keys.conversation(sessionName(), chatId, userId));
        this.shared.template.execute((RedisCallback<Long>) connection -> connection.keyCommands().del(key));
    }

    @Override
    protected List<String> doSessionNames() {
        return contents().sessionNames();
    }

    @Override
    protected List<Peer> doAllPeers() {
        return contents().peers(sessionName());
    }

    @Override
    protected Map<Integer, byte[]> doAllUpdateStates() {
        return contents().updateStates(sessionName());
    }

    @Override
    protected List<Conversation> doAllConversations() {
        return contents().conversations(sessionName());
    }

    private RedisContents contents() {
        return new RedisContents(this.shared.template, this.shared.keys);
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new RedisStorage(sessionName, this.shared);
    }

    // command helpers

    private void replaceHash(String key, HashFields fields, byte[] ttl, @Nullable String keepField) {
        List<byte[]> args = new ArrayList<>(2 + fields.size() * 2);
        args.add(ttl);
        args.add(RedisKeys.bytes((keepField != null) ? keepField : ""));
        fields.appendTo(args);
        execute(RedisScripts.REPLACE_HASH, List.of(RedisKeys.bytes(key)), args);
    }

    private HashFields hashOf(String key, String what) {
        Map<byte[], byte[]> reply = this.shared.template
            .execute((RedisCallback<Map<byte[], byte[]>>) connection -> connection.hashCommands().hGetAll(RedisKeys.bytes(key)));
        return HashFields.of(hashReply(reply), what + " of session '" + sessionName() + "'");
    }

    private void hashSet(String key, String field, byte[] value) {
        this.shared.template.execute((RedisCallback<Boolean>) connection -> connection.hashCommands()
            .hSet(RedisKeys.bytes(key), RedisKeys.bytes(field), value));
    }

    private byte @Nullable [] hashGet(String key, String field) {
        return this.shared.template.execute((RedisCallback<byte[]>) connection -> connection.hashCommands()
            .hGet(RedisKeys.bytes(key), RedisKeys.bytes(field)));
    }

    @SuppressWarnings("unchecked")
    private <T> @Nullable T execute(RedisScript<T> script, List<byte[]> keys, List<byte[]> args) {
        return (T) this.shared.template.execute(script, RedisSerializer.byteArray(), RESULT_SERIALIZER, keys, args.toArray());
    }

    /**
     * Spring Data Redis answers HGETALL of an absent key with an empty map; {@code null} would
     * mean no reply at all, which must not pass for "not found".
     */
    @SuppressWarnings("unchecked")
    private Map<byte[], byte[]> hashReply(@Nullable Object reply) {
        if (reply instanceof Map<?, ?> map) {
            return (Map<byte[], byte[]>) map;
        }
        throw new StorageException("Redis gave no HGETALL reply for session '" + sessionName() + "'");
    }

    @Override
    protected SessionLeases createLeases() {
        return new RedisSessionLeases(this.shared.template, this.shared.keys);
    }

    /** What every view of the same storage shares: the template and the settings. */
    private record Shared(RedisTemplate<byte[], byte[]> template, RedisKeys keys, byte[] peerTtl, byte[] conversationTtl) {
    }

    /**
     * Builds a {@link RedisStorage}.
     */
    public static final class Builder {

        private final RedisConnectionFactory connectionFactory;

        private String keyPrefix = "mtgo";

        private @Nullable Duration peerTtl;

        private @Nullable Duration conversationTtl;

        private Builder(RedisConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
        }

        /**
         * Sets the prefix of every key (default {@code "mtgo"}); it must not contain braces or
         * whitespace.
         * @param keyPrefix the prefix
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Arguments.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * Sets the time to live of cached peers and their username entries, refreshed on every
         * save.
         * @param peerTtl a positive duration, or {@code null} for never (the default)
         * @return this builder
         */
        public Builder peerTtl(@Nullable Duration peerTtl) {
            this.peerTtl = peerTtl;
            return this;
        }

        /**
         * Sets the time to live of conversations, refreshed on every save.
         * @param conversationTtl a positive duration, or {@code null} for never (the default)
         * @return this builder
         */
        public Builder conversationTtl(@Nullable Duration conversationTtl) {
            this.conversationTtl = conversationTtl;
            return this;
        }

        /**
         * Builds the storage. Nothing is sent to Redis yet.
         * @param sessionName the session the storage is scoped to
         * @return the storage
         */
        public RedisStorage build(String sessionName) {
            RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
            template.setConnectionFactory(this.connectionFactory);
            template.setDefaultSerializer(RedisSerializer.byteArray());
            template.afterPropertiesSet();
            Shared shared = new Shared(template, new RedisKeys(this.keyPrefix), ttlArgument(this.peerTtl, "peerTtl"),
                    ttlArgument(this.conversationTtl, "conversationTtl"));
            return new RedisStorage(sessionName, shared);
        }

        private static byte[] ttlArgument(@Nullable Duration ttl, String field) {
            if (ttl == null) {
                return NO_TTL;
            }
            if (ttl.isNegative() || ttl.toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1ms but was " + ttl);
            }
            return RedisKeys.bytes(Long.toString(ttl.toMillis()));
        }

    }

}
