package io.mtgo.storage.redis;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts behind every multi-key or multi-command write, loaded from
 * {@code io/mtgo/storage/redis/*.lua}. Spring Data Redis runs them with EVALSHA and falls back to
 * EVAL when the server's script cache lost them (after a restart or SCRIPT FLUSH).
 * <p>
 * Scripts rather than WATCH/MULTI/EXEC: a Lettuce transaction needs a dedicated connection per
 * call, whereas a script runs on the shared one, atomically and in one round trip. Every key a
 * script touches carries the session's hash tag, so it works on Redis Cluster too.
 */
final class RedisScripts {

    /** Saves peers in order and maintains the username index; see {@code save-peers.lua}. */
    static final RedisScript<Long> SAVE_PEERS = load("save-peers.lua", Long.class);

    /** Deletes a peer and frees its username. */
    static final RedisScript<Long> DELETE_PEER = load("delete-peer.lua", Long.class);

    /** Reads the peer holding a username. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> PEER_BY_USERNAME = load("peer-by-username.lua", List.class);

    /** Replaces a hash, optionally keeping one stored field and setting a time to live. */
    static final RedisScript<Long> REPLACE_HASH = load("replace-hash.lua", Long.class);

    private RedisScripts() {
    }

    private static <T> RedisScript<T> load(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource(name, RedisScripts.class), resultType);
    }

}
