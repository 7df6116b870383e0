package io.mtgo.storage.autoconfigure.health;

import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.AbstractStorage;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the storage's backend and pings it with a real read of its own session, timed apart from
 * the application's reads ({@link AbstractStorage#checkHealth()}); a failure makes the indicator DOWN. Details never include keys, hashes or other session data.
 */
final class StorageHealthIndicator extends AbstractHealthIndicator {

    private final Storage storage;

    StorageHealthIndicator(Storage storage) {
        super("mtgo-storage health check failed");
        this.storage = storage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean sessionStored = (this.storage instanceof AbstractStorage abstractStorage) ? abstractStorage.checkHealth()
                : this.storage.loadSession(this.storage.sessionName()).isPresent();
        builder.up()
            .withDetail("backend", backendOf(this.storage))
            .withDetail("session", this.storage.sessionName())
            .withDetail("sessionStored", sessionStored);
    }

    private static String backendOf(Storage storage) {
        return (storage instanceof AbstractStorage abstractStorage) ? abstractStorage.backendName()
                : storage.getClass().getSimpleName();
    }

}
