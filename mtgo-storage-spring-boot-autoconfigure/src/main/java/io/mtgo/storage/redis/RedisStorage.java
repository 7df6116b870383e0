package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
import io.mtgo.storage.spi.Retries;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.spi.StorageSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@link io.mtgo.storage.Storage} in Redis, on the application's {@link RedisConnectionFactory}
 * (the key layout is described in {@code RedisKeys}). Sessions, peers, metadata, update state and
 * conversations are hashes; a username hash maps each username to its peer, and per-session
 * indexes list the peers and conversations. Every write that touches more than one key or field
 * set runs as a Lua script that declares every key it touches, all in the session's hash slot, so
 * it is atomic on a single server and on Redis Cluster alike; reads are single commands or one
 * read-only script. The one key outside the session's slot, the session registry, joins
 * {@code saveSession}'s script only where no slots apply (see {@link RedisSessionRegistry}).
 * <p>
 * A {@code savePeers} batch is written in chunks of {@value #SAVE_CHUNK} peers, one script each,
 * so that a huge batch never blocks the server for long: each chunk is atomic, the batch as a
 * whole is not (see {@code docs/redis.md}).
 * <p>
 * Peers and their usernames, and conversations, may expire ({@link Builder#peerTtl},
 * {@link Builder#conversationTtl}); the session, its metadata and update state never do.
 * Closing the storage never closes the connection factory, which stays the application's.
 */
public final class RedisStorage extends AbstractStorage {

    /**
     * Peers per script call. A chunk of 250 full peers takes about 5 ms of server time
     * (measured: see {@code docs/redis.md}); larger chunks only lengthen the time other clients
     * wait behind the script.
     */
    static final int SAVE_CHUNK = 250;

    /** Lookups by username start over when a writer moved the username between their two reads. */

    /** Records deleted per script call when a whole session goes. */
    private static final int DELETE_CHUNK = 500;

    private static final byte[] NO_TTL = { '0' };

    private static final byte[] NOTHING = {};

    private final Shared shared;

    private final RedisPeerWriter peerWriter;

    private RedisStorage(String sessionName, StorageSettings settings, Shared shared) {
        super(sessionName, settings);
        this.shared = shared;
        this.peerWriter = new RedisPeerWriter(shared.commands, shared.keys, sessionName, shared.peerTtl);
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

    /**
     * Writes the session hash and lists the session in the registry, always, not only the first
     * time: saving the session repairs a registry entry that a deleteSession in another process
     * removed while this one kept the name cached. On a single server both are one script, one
     * round trip; on Redis Cluster the registry is a command of its own first (see
     * {@link RedisSessionRegistry}).
     */
    @Override
    protected void doSaveSession(Session session) {
        String name = session.name();
        String sessionKey = this.shared.keys.session(name);
        HashFields fields = RedisHashCodec.encodeSession(session, authKeyForStorage(session));
        RedisSessionRegistry registry = this.shared.registry;
        if (registry.inSessionScript()) {
            try {
                saveHash(List.of(sessionKey, registry.key()), "", NO_TTL, null, name, fields);
                registry.listedBySessionScript(name);
                return;
            }
            catch (RuntimeException ex) {
                if (!registry.refusedInSessionScript(ex)) {
                    throw ex;
                }
            }
        }
        registry.add(name);
        saveHash(List.of(sessionKey), "", NO_TTL, null, null, fields);
    }

    @Override
    protected Optional<Session> doLoadSession(String sessionName) {
        HashFields fields = hashOf(this.shared.keys.session(sessionName), "session '" + sessionName + "'");
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodeSession(sessionName, fields, stored -> authKeyFromStorage(stored, sessionName)));
    }

    /**
     * Deletes the session's records through its own indexes, a chunk per script, then its fixed
     * keys, then its registry entry: never a SCAN. Not atomic against a writer of the same session
     * running at the same moment.
     */
    @Override
    protected void doDeleteSession(String sessionName) {
        RedisKeys keys = this.shared.keys;
        deleteIndexed(sessionName, keys.peerIndex(sessionName), keys.peerPrefix(sessionName));
        deleteIndexed(sessionName, keys.conversationIndex(sessionName), keys.conversationPrefix(sessionName));
        this.shared.commands.unlink(List.of(keys.session(sessionName), keys.metadata(sessionName), keys.updateState(sessionName),
                keys.usernames(sessionName), keys.peerIndex(sessionName), keys.conversationIndex(sessionName)));
        this.shared.registry.remove(sessionName);
    }

    private void deleteIndexed(String sessionName, String index, String recordPrefix) {
        List<String> members;
        while (!(members = this.shared.commands.firstMembers(index, DELETE_CHUNK)).isEmpty()) {
            List<byte[]> keys = new ArrayList<>(members.size() + 1);
            keys.add(RedisKeys.bytes(index));
            List<byte[]> args = new ArrayList<>(members.size());
            for (String member : members) {
                keys.add(RedisKeys.bytes(recordPrefix + member));
                args.add(RedisKeys.bytes(member));
            }
            this.shared.commands.script(RedisScripts.DELETE_RECORDS, keys, args, "deleteSession of '" + sessionName + "'");
        }
    }

    // peers

    @Override
    protected void doSavePeer(Peer peer) {
        doSavePeers(List.of(peer));
    }

    /** Chunks of {@value #SAVE_CHUNK} peers, one script call each: see {@link RedisPeerWriter}. */
    @Override
    protected void doSavePeers(List<Peer> peers) {
        register();
        for (int start = 0; start < peers.size(); start += SAVE_CHUNK) {
            this.peerWriter.save(peers.subList(start, Math.min(peers.size(), start + SAVE_CHUNK)));
        }
    }

    @Override
    protected Optional<Peer> doLoadPeer(PeerType type, long id) {
        long markedId = PeerIds.mark(type, id);
        HashFields fields = hashOf(this.shared.keys.peer(sessionName(), markedId), "peer " + markedId);
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodePeer(markedId, fields));
    }

    /**
     * The username hash names the holder, then the holder's hash is read. The save script changes
     * both together, so a holder whose hash no longer carries the username was renamed or lost it
     * in between: look again.
     */
    @Override
    protected Optional<Peer> doLoadPeerByUsername(String usernameKey) {
        return Retries.run("loadPeerByUsername of session '" + sessionName() + "'", () -> {
            byte[] holder = this.shared.commands.hashGet(this.shared.keys.usernames(sessionName()), usernameKey);
            if (holder == null) {
                return Optional.empty();
            }
            long markedId = markedIdOf(holder, usernameKey);
            HashFields fields = hashOf(this.shared.keys.peer(sessionName(), markedId), "peer " + markedId);
            if (fields.isEmpty()) {
                // The holder expired (peer TTL); its index entry goes when the username is claimed again.
                return Optional.empty();
            }
            Peer peer = RedisHashCodec.decodePeer(markedId, fields);
            if (!usernameKey.equals(Usernames.keyOf(peer))) {
                throw Retries.TryAgain.atOnce();
            }
            return Optional.of(peer);
        });
    }

    private long markedIdOf(byte[] holder, String usernameKey) {
        try {
            return Long.parseLong(new String(holder, StandardCharsets.UTF_8));
        }
        catch (NumberFormatException ex) {
            throw new StorageException("Stored username index entry '" + usernameKey + "' of session '" + sessionName()
                    + "' does not hold a peer id");
        }
    }

    @Override
    protected void doDeletePeer(PeerType type, long id) {
        long markedId = PeerIds.mark(type, id);
        List<byte[]> keys = List.of(RedisKeys.bytes(this.shared.keys.peer(sessionName(), markedId)),
                RedisKeys.bytes(this.shared.keys.usernames(sessionName())), RedisKeys.bytes(this.shared.keys.peerIndex(sessionName())));
        List<byte[]> args = List.of(RedisKeys.bytes(RedisHashCodec.PEER_USERNAME), RedisKeys.bytes(Long.toString(markedId)));
        this.shared.commands.script(RedisScripts.DELETE_PEER, keys, args, "deletePeer of session '" + sessionName() + "'");
    }

    // metadata and update state: one field of one hash, a single atomic HSET

    @Override
    protected void doSetMetadata(String key, String value) {
        register();
        this.shared.commands.hashSet(this.shared.keys.metadata(sessionName()), key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected Optional<String> doGetMetadata(String key) {
        byte[] value = this.shared.commands.hashGet(this.shared.keys.metadata(sessionName()), key);
        return (value != null) ? Optional.of(new String(value, StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    protected void doSetUpdateState(int dcId, byte[] state) {
        register();
        this.shared.commands.hashSet(this.shared.keys.updateState(sessionName()), Integer.toString(dcId), state);
    }

    @Override
    protected Optional<byte[]> doGetUpdateState(int dcId) {
        return Optional.ofNullable(this.shared.commands.hashGet(this.shared.keys.updateState(sessionName()), Integer.toString(dcId)));
    }

    // conversations

    @Override
    protected void doSaveConversation(Conversation conversation, long now) {
        register();
        RedisKeys keys = this.shared.keys;
        String keepCreatedAt = (conversation.createdAt() == 0) ? RedisHashCodec.CONVERSATION_CREATED_AT : null;
        saveHash(List.of(keys.conversation(sessionName(), conversation.chatId(), conversation.userId()), keys.conversationIndex(sessionName())),
                RedisKeys.conversationMember(conversation.chatId(), conversation.userId()), this.shared.conversationTtl, keepCreatedAt, null,
                RedisHashCodec.encodeConversation(conversation, now));
    }

    @Override
    protected Optional<Conversation> doLoadConversation(long chatId, long userId) {
        HashFields fields = hashOf(this.shared.keys.conversation(sessionName(), chatId, userId), "conversation " + chatId + "/" + userId);
        return fields.isEmpty() ? Optional.empty() : Optional.of(RedisHashCodec.decodeConversation(chatId, userId, fields));
    }

    @Override
    protected void doDeleteConversation(long chatId, long userId) {
        RedisKeys keys = this.shared.keys;
        this.shared.commands.script(RedisScripts.DELETE_RECORDS,
                List.of(RedisKeys.bytes(keys.conversationIndex(sessionName())), RedisKeys.bytes(keys.conversation(sessionName(), chatId, userId))),
                List.of(RedisKeys.bytes(RedisKeys.conversationMember(chatId, userId))),
                "deleteConversation of session '" + sessionName() + "'");
    }

    // contents

    @Override
    protected List<String> doSessionNames() {
        return contents().sessionNames();
    }

    @Override
    protected List<Peer> doAllPeers() {
        List<Peer> all = new ArrayList<>();
        doForEachPeerPage(SAVE_CHUNK, all::addAll);
        return all;
    }

    @Override
    protected void doForEachPeerPage(int pageSize, Consumer<List<Peer>> page) {
        contents().forEachPeerPage(sessionName(), pageSize, page);
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
        return new RedisContents(this.shared.commands, this.shared.keys);
    }

    @Override
    protected AbstractStorage withSession(String sessionName) {
        return new RedisStorage(sessionName, settings(), this.shared);
    }

    // helpers

    /**
     * Lists this session in the registry before its first write through this storage (other than
     * saveSession, which lists it itself). The registry is one key outside every session's slot,
     * so here it is a command of its own; once per session and storage keeps it off the hot path.
     */
    private void register() {
        this.shared.registry.addOnce(sessionName());
    }

    /**
     * Runs {@code save-hash.lua}.
     * @param keys the hash, then its index when {@code member} is not empty, then the registry when
     * {@code registryMember} is given
     * @param registryMember the session name to list in the registry, in the same script
     */
    private void saveHash(List<String> keys, String member, byte[] ttl, @Nullable String keepField, @Nullable String registryMember,
            HashFields fields) {
        List<byte[]> args = new ArrayList<>(4 + fields.size() * 2);
        args.add(ttl);
        args.add(RedisKeys.bytes(member));
        args.add(RedisKeys.bytes((keepField != null) ? keepField : ""));
        args.add((registryMember != null) ? RedisSessionRegistry.member(registryMember) : NOTHING);
        fields.appendTo(args);
        this.shared.commands.script(RedisScripts.SAVE_HASH, keys.stream().map(RedisKeys::bytes).toList(), args,
                "a write of session '" + sessionName() + "'");
    }

    private HashFields hashOf(String key, String what) {
        return this.shared.commands.hashes(List.of(key), what + " of session '" + sessionName() + "'").get(0);
    }

    @Override
    protected SessionLeases createLeases() {
        return new RedisSessionLeases(this.shared.commands, this.shared.keys);
    }

    /** What every view of the same storage shares: the template, the registry and the settings. */
    private record Shared(RedisCommands commands, RedisKeys keys, byte[] peerTtl, byte[] conversationTtl, RedisSessionRegistry registry) {
    }

    /**
     * Builds a {@link RedisStorage}.
     */
    public static final class Builder extends StorageBuilder<Builder> {

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
         * @throws IllegalArgumentException when the prefix is not valid
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = RedisKeys.requireValidPrefix(Arguments.requireNonNull(keyPrefix, "keyPrefix"));
            return this;
        }

        /**
         * Sets the time to live of cached peers and their username entries, refreshed on every
         * save.
         * @param peerTtl a positive duration, or {@code null} for never (the default)
         * @return this builder
         * @throws IllegalArgumentException when the duration is shorter than a millisecond
         */
        public Builder peerTtl(@Nullable Duration peerTtl) {
            ttlArgument(peerTtl, "peerTtl");
            this.peerTtl = peerTtl;
            return this;
        }

        /**
         * Sets the time to live of conversations, refreshed on every save.
         * @param conversationTtl a positive duration, or {@code null} for never (the default)
         * @return this builder
         * @throws IllegalArgumentException when the duration is shorter than a millisecond
         */
        public Builder conversationTtl(@Nullable Duration conversationTtl) {
            ttlArgument(conversationTtl, "conversationTtl");
            this.conversationTtl = conversationTtl;
            return this;
        }

        /**
         * Builds the storage. Nothing is sent to Redis yet.
         * @return the storage
         */
        @Override
        public RedisStorage build() {
            String sessionName = requiredSessionName();
            RedisCommands commands = new RedisCommands(RedisCommands.template(this.connectionFactory));
            RedisKeys keys = new RedisKeys(this.keyPrefix);
            Shared shared = new Shared(commands, keys, ttlArgument(this.peerTtl, "peerTtl"), ttlArgument(this.conversationTtl, "conversationTtl"),
                    new RedisSessionRegistry(commands, keys, this.connectionFactory));
            return new RedisStorage(sessionName, settings(), shared);
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
