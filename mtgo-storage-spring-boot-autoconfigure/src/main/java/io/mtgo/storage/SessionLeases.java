package io.mtgo.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases on sessions, kept in the same store as the sessions themselves (no second system to run),
 * so that at most one running client uses a session's auth key at a time. Reach it with
 * {@link Storage#leases()}; every built-in backend provides one on its own atomic primitive.
 * <p>
 * Rules every implementation follows (the contract test kit checks each of them):
 * <ul>
 * <li>At most one owner holds a session's lease at any moment, by the store's clock.</li>
 * <li>A lease ends by itself {@code ttl} after it was acquired or last renewed, so the lease of a
 * process that died is free again after at most one TTL. Time is measured by the store's clock
 * (the database or Redis server's), not by the JVM's, where the store has one; see each
 * backend's documentation.</li>
 * <li>Every acquisition, also by the same owner and also after the lease expired or was released,
 * gets a strictly greater {@linkplain SessionLease#token() fencing token}.</li>
 * <li>{@link #renew} and {@link #release} act only on the lease they are given: after another
 * acquisition (a greater token) they change nothing and report it.</li>
 * <li>An owner that already holds the lease may acquire it again (a restarted process that kept
 * its owner name); it gets a new token and its older lease can no longer be renewed. Owner names
 * must therefore be unique per running instance.</li>
 * <li>Invalid arguments throw {@link IllegalArgumentException} naming the field; a backend failure
 * is a {@link StorageException} with its cause, never reported as "not held".</li>
 * </ul>
 * Leases are independent of the session's records: deleting or saving a session does not touch
 * its lease. Implementations are thread-safe.
 */
public interface SessionLeases {

    /**
     * Acquires a session's lease if it is free, expired, or already held by {@code owner}.
     * @param sessionName the session's name
     * @param owner who acquires it, at most {@link SessionLease#MAX_OWNER_LENGTH} characters
     * @param ttl how long the lease lasts unless renewed, at least 1 ms
     * @return the acquired lease, or empty when another owner holds it
     */
    Optional<SessionLease> tryAcquire(String sessionName, String owner, Duration ttl);

    /**
     * Acquires a session's lease, trying again until it is free or {@code wait} has passed.
     * @param sessionName the session's name
     * @param owner who acquires it
     * @param ttl how long the lease lasts unless renewed, at least 1 ms
     * @param wait how long to keep trying; {@link Duration#ZERO} tries once
     * @return the acquired lease, or empty when another owner still held it when {@code wait} ran out
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Optional<SessionLease> acquire(String sessionName, String owner, Duration ttl, Duration wait) throws InterruptedException;

    /**
     * Extends a lease that is still held to {@code ttl} from now (by the store's clock).
     * @param lease the lease as last acquired or renewed
     * @param ttl the new time to live, at least 1 ms
     * @return the renewed lease (same token, later expiry), or empty when the lease expired or was
     * released, or another acquisition happened since
     */
    Optional<SessionLease> renew(SessionLease lease, Duration ttl);

    /**
     * Releases a lease so that another owner can acquire it at once. The fencing token is kept: the
     * next acquisition still gets a greater one.
     * @param lease the lease as last acquired or renewed
     * @return whether the lease was still held and is now released; {@code false} when it had
     * expired or another acquisition happened since (nothing is changed then)
     */
    boolean release(SessionLease lease);

    /**
     * Returns who holds a session's lease and until when.
     * @param sessionName the session's name
     * @return the unexpired lease, or empty when nobody holds it
     */
    Optional<SessionLease> current(String sessionName);

}
