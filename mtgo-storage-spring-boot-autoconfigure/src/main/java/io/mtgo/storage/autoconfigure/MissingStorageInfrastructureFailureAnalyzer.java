package io.mtgo.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells the user what to add when {@code mtgo.storage.type} names a backend the application
 * cannot provide.
 */
class MissingStorageInfrastructureFailureAnalyzer extends AbstractFailureAnalyzer<MissingStorageInfrastructureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingStorageInfrastructureException cause) {
        String description = "mtgo-storage was configured with mtgo.storage.type="
                + cause.getType().propertyValue() + ", but the application has no "
                + MissingStorageInfrastructureException.infrastructureOf(cause.getType()) + ".";
        return new FailureAnalysis(description, actionFor(cause.getType()), cause);
    }

    private static String actionFor(StorageType type) {
        return switch (type) {
            case JDBC -> "Add spring-boot-starter-jdbc and a JDBC driver (for example org.postgresql:postgresql) and set "
                    + "spring.datasource.url, or keep the starter's H2 file (mtgo.storage.jdbc.h2.enabled=true, com.h2database:h2), "
                    + "or set mtgo.storage.type=auto.";
            case MONGODB -> "Add spring-boot-starter-data-mongodb and set spring.mongodb.uri, "
                    + "or set mtgo.storage.type=auto.";
            case REDIS -> "Add spring-boot-starter-data-redis and set spring.data.redis.host/port (or spring.data.redis.url), "
                    + "or set mtgo.storage.type=auto.";
            default -> "Set mtgo.storage.type=auto.";
        };
    }

}
