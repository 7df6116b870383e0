package io.mtgo.storage.memory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.spi.AbstractSessionLeases;

/**
 * {@link io.mtgo.storage.SessionLeases} in the JVM's heap: each session's lease is one map entry,
 * changed atomically with {@link ConcurrentHashMap#compute}. It keeps apart the threads (and
 * storages sharing this object) of one JVM only; time is the given {@link Clock}'s. A released or
 * expired entry is kept, so the next token is still greater.
 */
public final class MemorySessionLeases extends AbstractSessionLeases {

    private final Map<String, SessionLease> leases = new ConcurrentHashMap<>();

    private final Clock clock;

    /** Creates empty leases on the system clock. */
    public MemorySessionLeases() {
        this(Clock.systemUTC());
    }

    /**
     * Creates empty leases on a clock of the caller's choice (tests move it forward).
     * @param clock the clock expiry is measured with
     */
    public MemorySessionLeases(Clock clock) {
        super("memory");
        this.clock = Arguments.requireNonNull(clock, "clock");
    }

    @Override
    protected Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis) {
        long now = this.clock.millis();
        boolean[] acquired = new boolean[1];
        SessionLease result = this.leases.compute(sessionName, (name, stored) -> {
            if (stored != null && stored.expiresAt() > now && !stored.owner().equals(owner)) {
                return stored;
            }
            acquired[0] = true;
            long token = (stored != null) ? stored.token() + 1 : 1;
            return new SessionLease(name, owner, token, now + ttlMillis);
        });
        return acquired[0] ? Optional.of(result) : Optional.empty();
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        long now = this.clock.millis();
        boolean[] renewed = new boolean[1];
        SessionLease result = this.leases.computeIfPresent(lease.sessionName(), (name, stored) -> {
            if (!held(stored, lease, now)) {
                return stored;
            }
            renewed[0] = true;
            return new SessionLease(name, stored.owner(), stored.token(), now + ttlMillis);
        });
        return renewed[0] ? Optional.ofNullable(result) : Optional.empty();
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        long now = this.clock.millis();
        boolean[] released = new boolean[1];
        this.leases.computeIfPresent(lease.sessionName(), (name, stored) -> {
            if (!held(stored, lease, now)) {
                return stored;
            }
            released[0] = true;
            return new SessionLease(name, stored.owner(), stored.token(), now);
        });
        return released[0];
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        SessionLease stored = this.leases.get(sessionName);
        return (stored != null && stored.expiresAt() > this.clock.millis()) ? Optional.of(stored) : Optional.empty();
    }

    private static boolean held(SessionLease stored, SessionLease lease, long now) {
        return stored.token() == lease.token() && stored.owner().equals(lease.owner()) && stored.expiresAt() > now;
    }

}
