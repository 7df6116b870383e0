package io.mtgo.storage.autoconfigure;

/**
 * Start-up failure: {@code mtgo.storage.type} names a backend whose infrastructure the application
 * lacks. Explained by {@link MissingStorageInfrastructureFailureAnalyzer}.
 */
public class MissingStorageInfrastructureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StorageType type;

    /**
     * Creates the exception.
     * @param type the requested backend
     */
    public MissingStorageInfrastructureException(StorageType type) {
        super("mtgo.storage.type=" + type.propertyValue() + " but the application has no " + infrastructureOf(type));
        this.type = type;
    }

    /**
     * Returns the requested backend.
     * @return the type
     */
    public StorageType getType() {
        return this.type;
    }

    static String infrastructureOf(StorageType type) {
        return switch (type) {
            case JDBC -> "DataSource (and the starter's H2 file is disabled or H2 is missing)";
            case MONGODB -> "MongoTemplate";
            case REDIS -> "RedisConnectionFactory";
            default -> "infrastructure";
        };
    }

}
