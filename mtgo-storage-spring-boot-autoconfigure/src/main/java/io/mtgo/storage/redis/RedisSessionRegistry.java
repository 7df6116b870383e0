package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The session registry ({@link RedisKeys#registry()}, a sorted set outside every session's slot)
 * as one storage and its views keep it: which sessions this process already listed, and whether
 * the registry may be declared in a session's own script.
 * <p>
 * On a single server (standalone, Sentinel, static master/replica) every key is on the one
 * master, so {@code saveSession} lists the session in the same script that writes its hash: one
 * round trip. On Redis Cluster the registry's slot is not the session's, so a script may not
 * touch both: there it stays a command of its own, sent before the script. Which one is decided
 * once, from the connection factory's configuration, without asking the server; a factory this
 * class cannot see into (neither Lettuce's nor Jedis's) is treated as a cluster, the choice that is
 * right everywhere. A single-server configuration that still answers {@code CROSSSLOT} (a sharding
 * proxy in front of a cluster) turns the shortcut off for good at the first refusal, which wrote
 * nothing.
 */
final class RedisSessionRegistry {

    private static final ClassLoader CLASS_LOADER = RedisSessionRegistry.class.getClassLoader();

    // An application has one client library or the other: the absent one's factory class, which
    // links against it, must never be touched.
    private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient", CLASS_LOADER);

    private static final boolean JEDIS_PRESENT = ClassUtils.isPresent("redis.clients.jedis.Jedis", CLASS_LOADER);

    private final RedisCommands commands;

    private final String key;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    private volatile boolean inSessionScript;

    RedisSessionRegistry(RedisCommands commands, RedisKeys keys, RedisConnectionFactory connectionFactory) {
        this.commands = commands;
        this.key = keys.registry();
        this.inSessionScript = isSingleServer(connectionFactory);
    }

    /** @return the registry key */
    String key() {
        return this.key;
    }

    /**
     * @return whether {@code saveSession} should list the session inside its own script (then
     * {@link #listedBySessionScript} follows), or call {@link #add} first
     */
    boolean inSessionScript() {
        return this.inSessionScript;
    }

    /**
     * Reads a failure of a session script that declared the registry.
     * @param failure what the script call threw
     * @return {@code true} when the server refused the registry's slot, wrote nothing, and the
     * save is to be done again without it (as from now on, every save)
     */
    boolean refusedInSessionScript(RuntimeException failure) {
        if (RedisCommands.isServerError(failure, "CROSSSLOT")) {
            this.inSessionScript = false;
            return true;
        }
        return false;
    }

    /** Notes that a session script listed the session. */
    void listedBySessionScript(String sessionName) {
        this.registered.add(sessionName);
    }

    /**
     * Lists a session, always: saving the session repairs a registry entry that a deleteSession
     * in another process removed while this one kept the name cached.
     */
    void add(String sessionName) {
        this.commands.sortedSetAdd(this.key, member(sessionName));
        this.registered.add(sessionName);
    }

    /**
     * Lists a session before its first write through this storage; once per session and storage
     * keeps the registry's own command off the hot path.
     */
    void addOnce(String sessionName) {
        if (!this.registered.contains(sessionName)) {
            add(sessionName);
        }
    }

    void remove(String sessionName) {
        this.registered.remove(sessionName);
        this.commands.sortedSetRemove(this.key, member(sessionName));
    }

    static byte[] member(String sessionName) {
        return sessionName.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lettuce's and Jedis's factories say, from their configuration alone, whether they talk to a
     * cluster; any other one may, so it is not trusted with a script that spans two slots.
     */
    static boolean isSingleServer(RedisConnectionFactory connectionFactory) {
        if (LETTUCE_PRESENT && connectionFactory instanceof LettuceConnectionFactory lettuce) {
            return !lettuce.isClusterAware();
        }
        if (JEDIS_PRESENT && connectionFactory instanceof JedisConnectionFactory jedis) {
            return !jedis.isRedisClusterAware();
        }
        return false;
    }

}
