package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.AbstractSessionLeases;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * {@link io.mtgo.storage.SessionLeases} in Redis, next to the sessions:
 * <pre>
 * mtgo:lease:{bot}        string "&lt;token&gt; &lt;owner&gt;", expiring by Redis's clock (PX)
 * mtgo:lease-token:{bot}  integer, the last token handed out; never expires
 * </pre>
 * Both keys carry the session's hash tag, so they share the session's Redis Cluster slot and the
 * scripts ({@code lease-*.lua}), which declare every key they touch, also run on a cluster. They
 * sit outside the session's own key pattern ({@code mtgo:{bot}:*}) on purpose: deleting or
 * replacing a session must neither free a held lease nor reset the token counter. Acquiring is {@code INCR} plus {@code SET PX}
 * in one script; renewing ({@code PEXPIRE}) and releasing ({@code DEL}) are compare-and-set
 * scripts on the exact value, so a stale holder changes nothing.
 * <p>
 * Durability is Redis's: with {@code appendonly yes} and {@code appendfsync always} a lease and its
 * token survive a restart (the expiry is absolute, so the TTL keeps running while Redis is down);
 * with periodic snapshots only, a restart may forget a lease and reuse tokens.
 */
final class RedisSessionLeases extends AbstractSessionLeases {

    private static final RedisScript<List> ACQUIRE = load("lease-acquire.lua", List.class);

    private static final RedisScript<Long> RENEW = load("lease-renew.lua", Long.class);

    private static final RedisScript<Long> RELEASE = load("lease-release.lua", Long.class);

    private static final RedisScript<List> CURRENT = load("lease-current.lua", List.class);

    private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

    private final RedisTemplate<byte[], byte[]> template;

    private final RedisKeys keys;

    RedisSessionLeases(RedisTemplate<byte[], byte[]> template, RedisKeys keys) {
        super("redis");
        this.template = template;
        this.keys = keys;
    }

    @Override
    protected Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis) {
        List<?> reply = run(ACQUIRE, List.of(leaseKey(sessionName), tokenKey(sessionName)), owner, Long.toString(ttlMillis));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionLease(sessionName, owner, number(reply.get(0)), number(reply.get(1))));
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        long expiresAt = number(run(RENEW, List.of(leaseKey(lease.sessionName())), value(lease), Long.toString(ttlMillis)));
        return (expiresAt == 0) ? Optional.empty()
                : Optional.of(new SessionLease(lease.sessionName(), lease.owner(), lease.token(), expiresAt));
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        return number(run(RELEASE, List.of(leaseKey(lease.sessionName())), value(lease))) == 1;
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        List<?> reply = run(CURRENT, List.of(leaseKey(sessionName)));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        String held = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
        int space = held.indexOf(' ');
        return Optional.of(new SessionLease(sessionName, held.substring(space + 1), Long.parseLong(held.substring(0, space)),
                number(reply.get(1))));
    }

    private byte[] leaseKey(String sessionName) {
        return RedisKeys.bytes(this.keys.prefix() + ":lease:{" + RedisKeys.encodeSessionName(sessionName) + "}");
    }

    private byte[] tokenKey(String sessionName) {
        return RedisKeys.bytes(this.keys.prefix() + ":lease-token:{" + RedisKeys.encodeSessionName(sessionName) + "}");
    }

    private static String value(SessionLease lease) {
        return lease.token() + " " + lease.owner();
    }

    @SuppressWarnings("unchecked")
    private <T> T run(RedisScript<T> script, List<byte[]> scriptKeys, String... arguments) {
        Object[] args = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            args[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
        }
        T reply = this.template.execute(script, BYTES, (RedisSerializer<T>) (RedisSerializer<?>) BYTES, scriptKeys, args);
        if (reply == null) {
            // no reply at all must not pass for "not held"
            throw new StorageException("Redis gave no reply to a lease script");
        }
        return reply;
    }

    private static long number(@Nullable Object reply) {
        if (reply instanceof Long value) {
            return value;
        }
        throw new StorageException("Unexpected reply to a lease script: " + reply);
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static <T> RedisScript<T> load(String name, Class resultType) {
        return RedisScript.of(new ClassPathResource(name, RedisSessionLeases.class), resultType);
    }

}
