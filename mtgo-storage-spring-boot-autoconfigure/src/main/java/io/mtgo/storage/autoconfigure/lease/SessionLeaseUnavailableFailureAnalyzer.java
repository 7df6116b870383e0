package io.mtgo.storage.autoconfigure.lease;

import java.time.Instant;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that could not get its session's lease: who holds it, until when, and what
 * to do about it.
 */
class SessionLeaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SessionLeaseUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SessionLeaseUnavailableException cause) {
        if (cause.isHeldInThisJvm()) {
            return heldByAnotherContext(cause);
        }
        String holder = cause.getHolder()
            .map(lease -> "it is held by '" + lease.owner() + "' (fencing token " + lease.token() + ") until "
                    + Instant.ofEpochMilli(lease.expiresAt()) + " by the store's clock, unless that instance renews it")
            .orElse("its holder released it or let it expire just as this instance gave up");
        String description = "The lease of session '" + cause.getSessionName() + "' could not be acquired as '" + cause.getOwner()
                + "' within " + cause.getWait() + " (mtgo.storage.lease.wait): " + holder
                + ". Two running clients on one auth key get AUTH_KEY_DUPLICATED, so this instance does not start.";
        String action = "Stop the other instance (a graceful shutdown releases the lease at once; a crashed one's lease ends after "
                + "mtgo.storage.lease.ttl), or give this instance another session with mtgo.storage.session-name. During "
                + "rolling updates, let the old instance stop before the new one starts (Kubernetes: maxSurge 0, or strategy "
                + "Recreate), or raise mtgo.storage.lease.wait.";
        return new FailureAnalysis(description, action, cause);
    }

    private static FailureAnalysis heldByAnotherContext(SessionLeaseUnavailableException cause) {
        String holder = cause.getHolder().map(lease -> "'" + lease.owner() + "' (fencing token " + lease.token() + ")").orElse("");
        String description = "The lease of session '" + cause.getSessionName() + "' is held by " + holder + ", another application "
                + "context running in this JVM, so this context could not acquire it as '" + cause.getOwner() + "'. A context "
                + "keeps its lease until it closes; several contexts at once are usual in a test suite, whose contexts Spring "
                + "caches and keeps open.";
        String action = "Set mtgo.storage.lease.enabled=false where several contexts run at once, as in tests "
                + "(@SpringBootTest(properties = \"mtgo.storage.lease.enabled=false\") or a test profile's application-test.yml), "
                + "or give each context its own mtgo.storage.session-name.";
        return new FailureAnalysis(description, action, cause);
    }

}
