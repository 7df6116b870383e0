package io.mtgo.storage.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts behind every multi-key or multi-command write, loaded from
 * {@code io/mtgo/storage/redis/*.lua}. {@code RedisCommands} runs them with EVALSHA and falls back to
 * EVAL when the server's script cache lost them (after a restart, a failover or SCRIPT FLUSH).
 * <p>
 * Scripts rather than WATCH/MULTI/EXEC: a Lettuce transaction needs a dedicated connection per
 * call, whereas a script runs on the shared one, atomically and in one round trip. Every key a
 * script touches is passed in KEYS and carries the session's hash tag; no script builds a key
 * name from its arguments, so Redis Cluster routes each call to the one node that owns the
 * session and, while the slot migrates, answers ASK or TRYAGAIN before the script starts. The one
 * exception, the session registry in {@code save-hash.lua}, is declared only off Redis Cluster
 * (see {@link RedisSessionRegistry}).
 */
final class RedisScripts {

    /** Saves peers in order and maintains the username hash and the peer index; see {@code save-peers.lua}. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> SAVE_PEERS = load("save-peers.lua", List.class);

    /** Deletes a peer, frees its username and unlists it. */
    static final RedisScript<Long> DELETE_PEER = load("delete-peer.lua", Long.class);

    /**
     * Writes a whole hash (fields first, absent fields removed after) and lists it in an index, or
     * a session in the registry.
     */
    static final RedisScript<Long> SAVE_HASH = load("save-hash.lua", Long.class);

    /** Deletes records and unlists them. */
    static final RedisScript<Long> DELETE_RECORDS = load("delete-records.lua", Long.class);

    /** Reads several hashes of one session in one round trip. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> READ_HASHES = load("read-hashes.lua", List.class);

    /** Takes a session's lease when free or expired, with the next fencing token. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> LEASE_ACQUIRE = load("lease-acquire.lua", List.class);

    /** Extends a lease its holder still holds; 0 when it does not. */
    static final RedisScript<Long> LEASE_RENEW = load("lease-renew.lua", Long.class);

    /** Gives a lease up, when held by the caller. */
    static final RedisScript<Long> LEASE_RELEASE = load("lease-release.lua", Long.class);

    /** Reads the lease and its expiry by the server's clock. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> LEASE_CURRENT = load("lease-current.lua", List.class);

    private RedisScripts() {
    }

    private static <T> RedisScript<T> load(String name, Class<T> resultType) {
        try {
            String text = new ClassPathResource(name, RedisScripts.class).getContentAsString(StandardCharsets.UTF_8);
            return new LoadedScript<>(text, DigestUtils.sha1DigestAsHex(text), resultType);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Redis script " + name, ex);
        }
    }

    /**
     * A script read once, with its SHA-1 computed once. Not {@code RedisScript.of(Resource)}: that
     * one asks the resource whether it changed on every call (for a script inside a jar, that
     * opens the jar's URL connection) under a lock of its own, which cost every write a few tens
     * of microseconds of client CPU and serialized concurrent writers on that lock.
     */
    private static final class LoadedScript<T> implements RedisScript<T> {

        private final String text;

        private final String sha1;

        private final Class<T> resultType;

        LoadedScript(String text, String sha1, Class<T> resultType) {
            this.text = text;
            this.sha1 = sha1;
            this.resultType = resultType;
        }

        @Override
        public String getSha1() {
            return this.sha1;
        }

        @Override
        public Class<T> getResultType() {
            return this.resultType;
        }

        @Override
        public String getScriptAsString() {
            return this.text;
        }

    }

}
