package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.AbstractSessionLeases;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link io.mtgo.storage.SessionLeases} in Redis, next to the sessions:
 * <pre>
 * mtgo:lease:{bot}        string "&lt;token&gt; &lt;expiresAt&gt; &lt;owner&gt;", expiring at expiresAt by Redis's clock (PXAT)
 * mtgo:lease-token:{bot}  integer, the last token handed out; never expires
 * </pre>
 * Both keys carry the session's hash tag, so they share the session's Redis Cluster slot and the
 * scripts ({@code lease-*.lua}), which declare every key they touch, also run on a cluster. They
 * sit outside the session's own key pattern ({@code mtgo:{bot}:*}) on purpose: deleting or
 * replacing a session must neither free a held lease nor reset the token counter. Acquiring is {@code INCR} plus {@code SET PXAT}
 * in one script; renewing ({@code SET PXAT} again) and releasing ({@code DEL}) are compare-and-set
 * scripts on token and owner, so a stale holder changes nothing. The expiry is kept in the value
 * because Redis 6.2 cannot report a key's absolute expiry ({@code PEXPIRETIME} is 7.0): computed
 * again from the remaining TTL and the clock it could come out a millisecond off.
 * <p>
 * Durability is Redis's: with {@code appendonly yes} and {@code appendfsync always} a lease and its
 * token survive a restart (the expiry is absolute, so the TTL keeps running while Redis is down);
 * with periodic snapshots only, a restart may forget a lease and reuse tokens.
 */
final class RedisSessionLeases extends AbstractSessionLeases {

    private final RedisCommands commands;

    private final RedisKeys keys;

    RedisSessionLeases(RedisCommands commands, RedisKeys keys) {
        super("redis");
        this.commands = commands;
        this.keys = keys;
    }

    @Override
    protected Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis) {
        List<?> reply = run(RedisScripts.LEASE_ACQUIRE, List.of(this.keys.lease(sessionName), this.keys.leaseToken(sessionName)), owner, Long.toString(ttlMillis));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionLease(sessionName, owner, number(reply.get(0)), number(reply.get(1))));
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        long expiresAt = number(run(RedisScripts.LEASE_RENEW, List.of(this.keys.lease(lease.sessionName())), value(lease), Long.toString(ttlMillis)));
        return (expiresAt == 0) ? Optional.empty()
                : Optional.of(new SessionLease(lease.sessionName(), lease.owner(), lease.token(), expiresAt));
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        return number(run(RedisScripts.LEASE_RELEASE, List.of(this.keys.lease(lease.sessionName())), value(lease))) == 1;
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        List<?> reply = run(RedisScripts.LEASE_CURRENT, List.of(this.keys.lease(sessionName)));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        String held = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
        int space = held.indexOf(' ');
        return Optional.of(new SessionLease(sessionName, held.substring(space + 1), Long.parseLong(held.substring(0, space)),
                number(reply.get(1))));
    }

    private static String value(SessionLease lease) {
        return lease.token() + " " + lease.owner();
    }

    private <T> T run(RedisScript<T> script, List<String> scriptKeys, String... arguments) {
        List<byte[]> args = new ArrayList<>(arguments.length);
        for (String argument : arguments) {
            args.add(argument.getBytes(StandardCharsets.UTF_8));
        }
        return this.commands.script(script, scriptKeys.stream().map(RedisKeys::bytes).toList(), args, "a lease script");
    }

    private static long number(@Nullable Object reply) {
        if (reply instanceof Long value) {
            return value;
        }
        throw new StorageException("Unexpected reply to a lease script: " + reply);
    }

}
