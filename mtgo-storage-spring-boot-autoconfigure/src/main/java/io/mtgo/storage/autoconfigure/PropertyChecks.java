package io.mtgo.storage.autoconfigure;

import java.time.Duration;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionNames;
import org.jspecify.annotations.Nullable;

/**
 * The checks of {@code mtgo.storage.*} values that need no store, reported as the property
 * (start-up's failure analysis) rather than as the builder's or the lease's parameter. Run before
 * the store is touched: a JDBC database gets the library's schema before its storage is built, and
 * a start-up that then fails on a property must not have created tables in it.
 */
public final class PropertyChecks {

    /** The shortest {@code mtgo.storage.lease.ttl} accepted. */
    private static final Duration MIN_LEASE_TTL = Duration.ofMillis(500);

    private PropertyChecks() {
    }

    /**
     * Every check of the properties that backends share: the session name, the encryption keys,
     * and the lease's settings when the lease is enabled.
     * @param properties the library's properties
     * @throws StorageStartupException naming the property and what to set
     */
    static void requireValid(MtgoStorageProperties properties) {
        requireValidSessionName(properties.getSessionName());
        AuthKeyEncryption.requireValidKeys(properties.getEncryption());
        if (properties.getLease().isEnabled()) {
            requireValidLease(properties.getLease());
        }
    }

    static String requireValidSessionName(String sessionName) {
        try {
            return SessionNames.requireValid(sessionName, "mtgo.storage.session-name");
        }
        catch (IllegalArgumentException ex) {
            throw new StorageStartupException(ex.getMessage() + ".", "Set mtgo.storage.session-name to the name of the "
                    + "Telegram session this application runs, for example 'my-bot'.", ex);
        }
    }

    /**
     * @param lease {@code mtgo.storage.lease.*}
     * @throws StorageStartupException naming the property and what to set
     */
    public static void requireValidLease(MtgoStorageProperties.Lease lease) {
        if (lease.getOwner() != null) {
            requireValidOwner(lease.getOwner());
        }
        requireValidTtl(lease.getTtl());
        requireNotNegative(lease.getWait(), "mtgo.storage.lease.wait");
    }

    private static void requireValidOwner(String owner) {
        try {
            SessionLease.requireOwner(owner);
        }
        catch (IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            String problem = message.startsWith("owner ") ? message.substring("owner".length()) : " is invalid: " + message;
            throw new StorageStartupException("mtgo.storage.lease.owner" + problem + ".",
                    "Set mtgo.storage.lease.owner to a name of at most " + SessionLease.MAX_OWNER_LENGTH + " characters, unique "
                            + "per running instance, or remove it to use the host name and process id.",
                    ex);
        }
    }

    /**
     * A lease is renewed every third of its TTL, each renewal a round trip to the store: below half
     * a second one slow round trip loses it (a TTL of 1ms was lost at once, while the application
     * was still starting).
     */
    private static void requireValidTtl(@Nullable Duration ttl) {
        if (ttl == null || ttl.compareTo(MIN_LEASE_TTL) < 0) {
            throw new StorageStartupException("mtgo.storage.lease.ttl must be at least " + MIN_LEASE_TTL.toMillis() + "ms but was "
                    + ttl + ": the lease is renewed every third of it, each time a round trip to the store.",
                    "Set mtgo.storage.lease.ttl to a few seconds or more, for example 30s (the default).", null);
        }
    }

    private static void requireNotNegative(@Nullable Duration duration, String property) {
        if (duration == null || duration.isNegative()) {
            throw new StorageStartupException(property + " must not be negative but was " + duration + ".", "Set " + property
                    + " to 0s (fail at once when another instance holds the lease) or a positive duration, for example 60s.",
                    null);
        }
    }

}
