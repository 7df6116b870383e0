package io.mtgo.storage.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.SessionNames;
import io.mtgo.storage.StorageException;

/**
 * The shared half of every backend's {@link SessionLeases}: argument checks, the waiting loop of
 * {@link #acquire}, and turning backend failures into {@link StorageException}s naming the
 * operation and session. A backend implements only the {@code do*} methods, which always receive
 * valid arguments.
 */
public abstract class AbstractSessionLeases implements SessionLeases {

    private static final Duration MIN_POLL = Duration.ofMillis(25);

    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final String backendName;

    /**
     * Creates the leases of one backend.
     * @param backendName the backend's short name, for messages
     */
    protected AbstractSessionLeases(String backendName) {
        this.backendName = backendName;
    }

    @Override
    public final Optional<SessionLease> tryAcquire(String sessionName, String owner, Duration ttl) {
        SessionNames.requireValid(sessionName, "sessionName");
        SessionLease.requireOwner(owner);
        long ttlMillis = ttlMillis(ttl);
        return call("tryAcquire", sessionName, () -> doAcquire(sessionName, owner, ttlMillis));
    }

    @Override
    public final Optional<SessionLease> acquire(String sessionName, String owner, Duration ttl, Duration wait)
            throws InterruptedException {
        SessionNames.requireValid(sessionName, "sessionName");
        SessionLease.requireOwner(owner);
        long ttlMillis = ttlMillis(ttl);
        Arguments.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative but was " + wait);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        // A holder that releases gracefully is noticed within one poll, a crashed one after its TTL.
        long pollNanos = Math.max(MIN_POLL.toNanos(), Math.min(MAX_POLL.toNanos(), Duration.ofMillis(ttlMillis).toNanos() / 10));
        while (true) {
            Optional<SessionLease> lease = call("acquire", sessionName, () -> doAcquire(sessionName, owner, ttlMillis));
            long remaining = deadline - System.nanoTime();
            if (lease.isPresent() || remaining <= 0) {
                return lease;
            }
            Thread.sleep(Duration.ofNanos(Math.min(remaining, pollNanos)).toMillis() + 1);
        }
    }

    @Override
    public final Optional<SessionLease> renew(SessionLease lease, Duration ttl) {
        Arguments.requireNonNull(lease, "lease");
        long ttlMillis = ttlMillis(ttl);
        return call("renew", lease.sessionName(), () -> doRenew(lease, ttlMillis));
    }

    @Override
    public final boolean release(SessionLease lease) {
        Arguments.requireNonNull(lease, "lease");
        return call("release", lease.sessionName(), () -> doRelease(lease));
    }

    @Override
    public final Optional<SessionLease> current(String sessionName) {
        SessionNames.requireValid(sessionName, "sessionName");
        return call("current", sessionName, () -> doCurrent(sessionName));
    }

    private static long ttlMillis(Duration ttl) {
        Arguments.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1ms but was " + ttl);
        }
        return ttl.toMillis();
    }

    private <T> T call(String operation, String sessionName, Supplier<T> action) {
        try {
            return action.get();
        }
        catch (StorageException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new StorageException("Lease " + operation + " failed for session '" + sessionName + "' on the " + this.backendName
                    + " storage: " + FailureMessages.describe(ex), ex);
        }
    }

    // the backend's half

    /**
     * Atomically: when the lease is absent, expired, or held by {@code owner}, give it to
     * {@code owner} with a token greater than any before and an expiry {@code ttlMillis} from the
     * store's now.
     * @param sessionName a valid session name
     * @param owner a valid owner
     * @param ttlMillis at least 1
     * @return the new lease, or empty when another owner holds it
     */
    protected abstract Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis);

    /**
     * Atomically: when the stored lease has this lease's owner and token and has not expired, set
     * its expiry {@code ttlMillis} from the store's now.
     * @param lease the lease to renew
     * @param ttlMillis at least 1
     * @return the renewed lease, or empty
     */
    protected abstract Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis);

    /**
     * Atomically: when the stored lease has this lease's owner and token and has not expired, end
     * it now, keeping the token.
     * @param lease the lease to release
     * @return whether it was released
     */
    protected abstract boolean doRelease(SessionLease lease);

    /** @param sessionName a valid session name @return the unexpired lease, or empty */
    protected abstract Optional<SessionLease> doCurrent(String sessionName);

}
