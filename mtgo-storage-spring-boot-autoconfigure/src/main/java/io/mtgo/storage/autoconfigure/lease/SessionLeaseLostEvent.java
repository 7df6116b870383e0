package io.mtgo.storage.autoconfigure.lease;

import java.util.Optional;

import io.mtgo.storage.SessionLease;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Published when this instance lost its session's lease: another owner took it over, or it could
 * not be renewed before it expired (the store was unreachable for a whole TTL). From then on the
 * application must stop using the session's auth key, for example by disconnecting its client or
 * shutting down; the health indicator is DOWN.
 */
public class SessionLeaseLostEvent extends ApplicationEvent {

    private final SessionLease lease;

    private final String reason;

    private final @Nullable SessionLease currentHolder;

    /**
     * Creates the event.
     * @param source the keeper that lost the lease
     * @param lease the lease this instance held last
     * @param reason why it was lost
     * @param currentHolder the lease another owner holds now, if known
     */
    public SessionLeaseLostEvent(Object source, SessionLease lease, String reason, @Nullable SessionLease currentHolder) {
        super(source);
        this.lease = lease;
        this.reason = reason;
        this.currentHolder = currentHolder;
    }

    /** @return the lease this instance held last */
    public SessionLease getLease() {
        return this.lease;
    }

    /** @return why the lease was lost */
    public String getReason() {
        return this.reason;
    }

    /** @return the lease another owner holds now, when it was known at the moment of loss */
    public Optional<SessionLease> getCurrentHolder() {
        return Optional.ofNullable(this.currentHolder);
    }

}
