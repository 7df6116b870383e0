package io.mtgo.storage.autoconfigure.lease;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.autoconfigure.MtgoStorageProperties;
import io.mtgo.storage.autoconfigure.PropertyChecks;
import io.mtgo.storage.autoconfigure.StorageStartupException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Holds the lease of the application's session while the application runs: acquired before the
 * {@link Storage} bean is handed out, renewed every third of the TTL on a daemon thread, released
 * when the context closes, at the last moment the store can still be reached: after every bean
 * that uses the storage is destroyed, or, when the storage's connections are closed in the
 * context's lifecycle stop (Spring Data Redis stops its connection factory there, before any bean
 * is destroyed), just before those connections stop. When the lease is lost, it publishes a
 * {@link SessionLeaseLostEvent} once and {@link #isLost()} turns true.
 * <p>
 * Inject it to read the current {@linkplain SessionLease#token() fencing token}.
 */
public final class SessionLeaseKeeper implements SmartLifecycle, DisposableBean {

    private static final Log logger = LogFactory.getLog(SessionLeaseKeeper.class);

    /**
     * The keepers of this JVM holding a lease now. Several application contexts can run in one JVM
     * (a test suite's cached contexts): one context's lease is then held by another in this JVM,
     * which will not give it up by waiting.
     */
    private static final Set<SessionLeaseKeeper> holdingInThisJvm = ConcurrentHashMap.newKeySet();

    /** Default owner names that keepers of this JVM use now: each context gets its own. */
    private static final Set<String> defaultOwnersInUse = ConcurrentHashMap.newKeySet();

    private final String owner;

    private final boolean defaultOwnerClaimed;

    private final Duration ttl;

    private final Duration wait;

    private final ApplicationEventPublisher events;

    private @Nullable Storage storage;

    private @Nullable SessionLeases leases;

    private volatile @Nullable SessionLease lease;

    private volatile boolean lost;

    private volatile boolean released;

    private volatile @Nullable String lostReason;

    /** When the lease ends at the latest by this JVM's monotonic clock: the TTL from the last request's start. */
    private volatile long localDeadline;

    private @Nullable ScheduledExecutorService renewer;

    /**
     * Whether the storage's connections stop in the lifecycle stop phase, so that the lease must be
     * released in {@link #stop()} (run just before them) rather than in {@link #destroy()}.
     */
    private volatile boolean releaseOnStop;

    private volatile boolean running;

    SessionLeaseKeeper(MtgoStorageProperties.Lease properties, ApplicationEventPublisher events) {
        String configuredOwner = properties.getOwner();
        PropertyChecks.requireValidLease(properties);
        this.owner = (configuredOwner != null) ? configuredOwner : SessionLease.requireOwner(claimDefaultOwner());
        this.defaultOwnerClaimed = (configuredOwner == null);
        this.ttl = properties.getTtl();
        this.wait = properties.getWait();
        this.events = events;
    }

    /**
     * Host name and process id, followed by {@code /2}, {@code /3}... while another application
     * context of this JVM uses the plain one. A store lets an owner take its own lease again (a
     * restarted instance need not wait out its TTL), so two contexts under one name would take the
     * lease from each other at every start.
     */
    private static String claimDefaultOwner() {
        String base = defaultOwner();
        for (int context = 1;; context++) {
            String candidate = (context == 1) ? base : base + "/" + context;
            if (defaultOwnersInUse.add(candidate)) {
                return candidate;
            }
        }
    }

    /** Host name and process id: unique per running instance, also for two JVMs on one host. */
    static String defaultOwner() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            }
            catch (Exception ex) {
                host = "unknown-host";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Acquires the lease of the storage's session, waiting up to {@code mtgo.storage.lease.wait},
     * and starts renewing it. Does nothing when a lease is held already.
     * @param storage the storage whose session is leased
     * @throws SessionLeaseUnavailableException when another owner kept it for the whole wait
     */
    synchronized void acquire(Storage storage) {
        if (this.storage != null) {
            return;
        }
        this.storage = storage;
        acquireLease(storage);
    }

    private void acquireLease(Storage storage) {
        SessionLeases storageLeases = storage.leases();
        String session = storage.sessionName();
        long start = System.nanoTime();
        Optional<SessionLease> acquired;
        try {
            SessionLease sibling = heldByAnotherContextOfThisJvm(storageLeases, session);
            if (sibling != null) {
                throw new SessionLeaseUnavailableException(session, this.owner, Duration.ZERO, sibling, true);
            }
            acquired = storageLeases.tryAcquire(session, this.owner, this.ttl);
            if (acquired.isEmpty() && !this.wait.isZero()) {
                // Start-up may now wait a whole TTL (a crashed holder): say so rather than hang silently.
                logger.info("Waiting up to " + this.wait + " (mtgo.storage.lease.wait) for the lease of session '" + session + "'"
                        + storageLeases.current(session).map(holder -> ", held by '" + holder.owner() + "' (token " + holder.token()
                                + ") until " + Instant.ofEpochMilli(holder.expiresAt()) + " unless renewed").orElse(""));
                acquired = storageLeases.acquire(session, this.owner, this.ttl, this.wait);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the lease of session '" + session + "'", ex);
        }
        catch (StorageException ex) {
            // The store is down or refuses the lease table: without the lease the bot must not start,
            // and the failure analysis should say so rather than leave a stack trace.
            throw new StorageStartupException("mtgo-storage could not acquire the lease of session '" + session + "' as '"
                    + this.owner + "': " + ex.getMessage(), "Check that the store is running and reachable from this instance "
                            + "(the session lease needs it at start-up, unlike the storage's other calls) and that it accepts the "
                            + "lease's writes: where the store refused them (a permission, a full memory, a read-only replica), "
                            + "its reason is in the description above. Or set mtgo.storage.lease.enabled=false.", ex);
        }
        if (acquired.isEmpty()) {
            throw new SessionLeaseUnavailableException(session, this.owner, this.wait, storageLeases.current(session).orElse(null));
        }
        // The store started the TTL after the request left, so the TTL from "start" is on the safe side.
        long deadline = start + this.ttl.toNanos();
        this.leases = storageLeases;
        this.lease = acquired.get();
        this.localDeadline = deadline;
        holdingInThisJvm.add(this);
        logger.info("Acquired the lease of session '" + session + "' as '" + this.owner + "' (token " + acquired.get().token() + ")");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mtgo-session-lease");
            thread.setDaemon(true);
            return thread;
        });
        // Stopping must not interrupt a renewal in flight (an interrupt closes an H2 file the store
        // is writing to): shutdown() drops the renewals not yet due and lets the running one end.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.renewer = executor;
        scheduleRenewal(renewalPeriodMillis());
    }

    /**
     * The holder of the session's lease when it is another keeper of this JVM, an application context
     * still running; reads the lease only when this JVM holds any.
     */
    private @Nullable SessionLease heldByAnotherContextOfThisJvm(SessionLeases storageLeases, String session) {
        if (holdingInThisJvm.isEmpty()) {
            return null;
        }
        SessionLease holder = storageLeases.current(session).orElse(null);
        if (holder == null) {
            return null;
        }
        for (SessionLeaseKeeper keeper : holdingInThisJvm) {
            SessionLease held = keeper.lease;
            if (keeper != this && held != null && held.sessionName().equals(holder.sessionName())
                    && held.owner().equals(holder.owner()) && held.token() == holder.token()) {
                return holder;
            }
        }
        return null;
    }

    /** A third of the TTL: two renewals may fail before the lease is at risk. */
    private long renewalPeriodMillis() {
        return Math.max(1, this.ttl.toMillis() / 3);
    }

    /**
     * After a failed renewal, how soon to try again: a tenth of the TTL, between 50 ms and 1 s, so
     * that a store back within the TTL renews the lease before it expires, whatever point of the
     * period the outage ended at.
     */
    private long retryDelayMillis() {
        return Math.min(1_000, Math.max(50, this.ttl.toMillis() / 10));
    }

    private void scheduleRenewal(long delayMillis) {
        ScheduledExecutorService executor = this.renewer;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        try {
            executor.schedule(this::renew, delayMillis, TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // shut down meanwhile (released or lost): nothing left to renew
        }
    }

    /**
     * Why a renewal found the lease gone. Before the local deadline the store's own expiry had not
     * passed either (it started later), so the lease was taken from the store, not timed out: say
     * so, because eviction or a store restart is a configuration to fix, not a slow instance.
     */
    private String lossReason(@Nullable SessionLease holder, boolean beforeItsTtlRanOut) {
        if (holder != null && holder.owner().equals(this.owner)) {
            return "another instance with this instance's owner name acquired it (owner names must be unique per running "
                    + "instance: mtgo.storage.lease.owner)";
        }
        if (!beforeItsTtlRanOut) {
            return "the lease expired or another owner acquired it";
        }
        return "the store no longer had it although its TTL had not run out" + ((holder != null) ? ", and another owner acquired it" : "")
                + ": it was deleted, evicted (Redis with a maxmemory-policy other than noeviction), lost in a restart of the store "
                + "without persistence, or the store's clock jumped ahead";
    }

    private void renew() {
        SessionLease current = this.lease;
        SessionLeases storageLeases = this.leases;
        if (current == null || storageLeases == null || this.lost || this.released) {
            return;
        }
        long start = System.nanoTime();
        try {
            Optional<SessionLease> renewed = storageLeases.renew(current, this.ttl);
            if (renewed.isPresent()) {
                this.lease = renewed.get();
                this.localDeadline = start + this.ttl.toNanos();
                scheduleRenewal(renewalPeriodMillis());
                return;
            }
            SessionLease holder = currentHolder(storageLeases, current);
            lose(current, lossReason(holder, System.nanoTime() - this.localDeadline < 0), holder);
        }
        catch (RuntimeException ex) {
            if (System.nanoTime() - this.localDeadline >= 0) {
                lose(current, "it could not be renewed within its TTL: " + ex.getMessage(), null);
            }
            else {
                logger.warn("Could not renew the lease of session '" + current.sessionName() + "'; trying again in "
                        + retryDelayMillis() + " ms", ex);
                scheduleRenewal(retryDelayMillis());
            }
        }
    }

    private static @Nullable SessionLease currentHolder(SessionLeases leases, SessionLease lost) {
        try {
            return leases.current(lost.sessionName()).orElse(null);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private void lose(SessionLease last, String reason, @Nullable SessionLease holder) {
        if (this.released) {
            // a renewal that raced with the release on shutdown; nothing was lost
            return;
        }
        this.lost = true;
        this.lostReason = reason;
        holdingInThisJvm.remove(this);
        ScheduledExecutorService executor = this.renewer;
        if (executor != null) {
            executor.shutdown();
        }
        logger.error("Lost the lease of session '" + last.sessionName() + "' (token " + last.token() + "): " + reason
                + ((holder != null) ? "; now held by '" + holder.owner() + "'" : ""));
        this.events.publishEvent(new SessionLeaseLostEvent(this, last, reason, holder));
    }

    /**
     * Returns the lease this instance holds.
     * @return the lease as last acquired or renewed, or empty before start-up, once lost, and once
     * released on shutdown
     */
    public Optional<SessionLease> lease() {
        return (this.lost || this.released) ? Optional.empty() : Optional.ofNullable(this.lease);
    }

    /** @return whether the lease was lost (see {@link SessionLeaseLostEvent}) */
    public boolean isLost() {
        return this.lost;
    }

    /** @return why the lease was lost, or empty while it is held */
    public Optional<String> lostReason() {
        return Optional.ofNullable(this.lostReason);
    }

    /** @return this instance's owner name */
    public String owner() {
        return this.owner;
    }

    /**
     * Releases the lease in the lifecycle stop rather than on destroy: called when the storage's
     * connections are lifecycle beans that stop before any bean is destroyed. The context then
     * stops this keeper just before them (it is registered as depending on them).
     */
    void releaseOnStop() {
        this.releaseOnStop = true;
    }

    /**
     * Marks the keeper running; after a {@link #stop()} that released the lease (a context stopped
     * and started again, as for a checkpoint and restore), acquires it anew.
     */
    @Override
    public synchronized void start() {
        Storage leased = this.storage;
        if (this.released && !this.lost && leased != null) {
            this.released = false;
            acquireLease(leased);
        }
        this.running = true;
    }

    /** Releases the lease when the storage's connections stop next; otherwise {@link #destroy()} does. */
    @Override
    public synchronized void stop() {
        this.running = false;
        if (this.releaseOnStop) {
            release();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * The lowest phase, so that in its own phase the keeper stops after every other lifecycle bean;
     * a connection factory it depends on stops it earlier, just before itself.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    /** A renewal in flight ends before the release, so the released lease is the latest one. */
    private static void awaitRenewal(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops renewing and releases the lease, so that the next instance gets it at once. */
    @Override
    public synchronized void destroy() {
        try {
            release();
        }
        finally {
            if (this.defaultOwnerClaimed) {
                defaultOwnersInUse.remove(this.owner);
            }
        }
    }

    private void release() {
        holdingInThisJvm.remove(this);
        ScheduledExecutorService executor = this.renewer;
        if (executor != null) {
            executor.shutdown();
            awaitRenewal(executor);
        }
        SessionLease current = this.lease;
        SessionLeases storageLeases = this.leases;
        if (current == null || storageLeases == null || this.lost || this.released) {
            return;
        }
        this.released = true;
        try {
            if (storageLeases.release(current)) {
                logger.info("Released the lease of session '" + current.sessionName() + "' (token " + current.token() + ")");
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Could not release the lease of session '" + current.sessionName() + "'; it ends after its TTL", ex);
        }
    }

}
