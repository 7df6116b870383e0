package io.mtgo.storage.autoconfigure.health;

import java.time.Instant;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseKeeper;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while this instance holds its session's lease (with the owner, token and expiry), DOWN once
 * it lost it, so that an orchestrator restarts or stops routing to an instance that must no longer
 * use the session.
 */
final class SessionLeaseHealthIndicator extends AbstractHealthIndicator {

    private final SessionLeaseKeeper keeper;

    SessionLeaseHealthIndicator(SessionLeaseKeeper keeper) {
        super("mtgo session lease health check failed");
        this.keeper = keeper;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("owner", this.keeper.owner());
        if (this.keeper.isLost()) {
            builder.down().withDetail("reason", this.keeper.lostReason().orElse("lost"));
            return;
        }
        SessionLease lease = this.keeper.lease().orElse(null);
        if (lease == null) {
            builder.unknown().withDetail("reason", "no lease held (not acquired yet, or released on shutdown)");
            return;
        }
        builder.up()
            .withDetail("session", lease.sessionName())
            .withDetail("token", lease.token())
            .withDetail("expiresAt", Instant.ofEpochMilli(lease.expiresAt()).toString());
    }

}
