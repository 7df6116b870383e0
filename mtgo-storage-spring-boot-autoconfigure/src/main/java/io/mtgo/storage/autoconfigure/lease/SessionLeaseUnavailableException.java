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

    /**
     * Creates the exception.
     * @param sessionName the session whose lease was wanted
     * @param owner this instance's owner name
     * @param wait how long this instance waited
     * @param holder the lease another instance holds, or {@code null} when it ended meanwhile
     */
    public SessionLeaseUnavailableException(String sessionName, String owner, Duration wait, @Nullable SessionLease holder) {
        super("Could not acquire the lease of session '" + sessionName + "' as '" + owner + "' within " + wait
                + ((holder != null) ? ": it is held by '" + holder.owner() + "' (token " + holder.token() + ")" : ""));
        this.sessionName = sessionName;
        this.owner = owner;
        this.wait = wait;
        this.holder = holder;
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

    /** @return the lease held by another instance when this one gave up, if it still was */
    public Optional<SessionLease> getHolder() {
        return Optional.ofNullable(this.holder);
    }

}
