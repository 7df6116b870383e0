package io.mtgo.storage.autoconfigure;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.memory.MemoryStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Picks the backend, in one documented place.
 * <p>
 * Under {@code auto}: infrastructure the application configured itself, in the order JPA
 * (DataSource), MongoDB, Redis; then library defaults (the starter's embedded H2 file); then
 * in-memory, with a warning. An explicit type takes that backend or fails start-up.
 */
final class StorageSelector {

    private static final Log logger = LogFactory.getLog(StorageSelector.class);

    /** Application infrastructure first, then JPA before MongoDB before Redis. */
    private static final Comparator<StorageBackendCandidate> PRECEDENCE = Comparator
        .comparing((StorageBackendCandidate candidate) -> !candidate.appConfigured())
        .thenComparing(StorageBackendCandidate::type);

    private StorageSelector() {
    }

    static AbstractStorage select(StorageType type, String sessionName, List<StorageBackendCandidate> candidates) {
        if (type == StorageType.MEMORY) {
            return memory(sessionName, "mtgo.storage.type=memory");
        }
        Optional<StorageBackendCandidate> chosen = candidates.stream()
            .filter(candidate -> type == StorageType.AUTO || candidate.type() == type)
            .min(PRECEDENCE);
        if (chosen.isEmpty()) {
            if (type != StorageType.AUTO) {
                throw new MissingStorageInfrastructureException(type);
            }
            return memory(sessionName, "no DataSource, MongoTemplate or RedisConnectionFactory found");
        }
        StorageBackendCandidate candidate = chosen.get();
        logger.info("mtgo-storage uses the " + candidate.type().name().toLowerCase() + " backend on "
                + candidate.description() + " for session '" + sessionName + "'");
        return candidate.create(sessionName);
    }

    private static AbstractStorage memory(String sessionName, String reason) {
        logger.warn("mtgo-storage keeps session '" + sessionName + "' in memory (" + reason
                + "): the session, its auth key and cached peers will not survive a restart");
        return new MemoryStorage(sessionName);
    }

}
