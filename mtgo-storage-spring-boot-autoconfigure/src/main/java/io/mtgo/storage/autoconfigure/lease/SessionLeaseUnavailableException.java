package io.mtgo.storage.autoconfigure.lease;

import java.time.Duration;
import java.util.Optional;

import io.mtgo.storage.SessionLease;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when another instance held the session's lease for longer than
 * {@code mtgo.storage.lease.wait}; {@link SessionLeaseUnavailableFailureAnalyzer} explains it.
 */
public class SessionLeaseUnavailableException extends IllegalStateException {

    private final String sessionName;

    private final String owner;

    private final Duration wait;

    private final @Nullable SessionLease holder;

    private final boolean heldInThisJvm;

    /**
     * Creates the exception.
     * @param sessionName the session whose lease was wanted
     * @param owner this instance's owner name
     * @param wait how long this instance waited
     * @param holder the lease another instance holds, or {@code null} when it ended meanwhile
     */
    public SessionLeaseUnavailableException(String sessionName, String owner, Duration wait, @Nullable SessionLease holder) {
        this(sessionName, owner, wait, holder, false);
    }

    /**
     * Creates the exception.
     * @param sessionName the session whose lease was wanted
     * @param owner this instance's owner name
     * @param wait how long this instance waited
     * @param holder the lease another instance holds, or {@code null} when it ended meanwhile
     * @param heldInThisJvm whether the holder is another application context of this JVM (then this
     *     instance does not wait: that context keeps the lease until it closes)
     */
    public SessionLeaseUnavailableException(String sessionName, String owner, Duration wait, @Nullable SessionLease holder,
            boolean heldInThisJvm) {
        super("Could not acquire the lease of session '" + sessionName + "' as '" + owner + "' within " + wait
                + ((holder != null) ? ": it is held by '" + holder.owner() + "' (token " + holder.token() + ")" : "")
                + (heldInThisJvm ? ", another application context of this JVM" : ""));
        this.sessionName = sessionName;
        this.owner = owner;
        this.wait = wait;
        this.holder = holder;
        this.heldInThisJvm = heldInThisJvm;
    }

    /** @return the session whose lease was wanted */
    public String getSessionName() {
        return this.sessionName;
    }

    /** @return this instance's owner name */
    public String getOwner() {
        return this.owner;
    }

    /** @return how long this instance waited */
    public Duration getWait() {
        return this.wait;
    }

    /** @return whether the holder is another application context running in this JVM */
    public boolean isHeldInThisJvm() {
        return this.heldInThisJvm;
    }

    /** @return the lease held by another instance when this one gave up, if it still was */
    public Optional<SessionLease> getHolder() {
        return Optional.ofNullable(this.holder);
    }

}
