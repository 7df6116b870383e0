package io.mtgo.storage.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.AuthKeyCipher;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.spi.StorageObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What every backend's auto-configuration does with the storage it builds, in one place: checks
 * the session name as a property, gives the builder {@code mtgo.storage.save-peers}, the auth-key
 * cipher and the metrics observer, and says at start-up which backend was chosen and why.
 */
final class StorageConfigurer {

    private static final Log logger = LogFactory.getLog(StorageConfigurer.class);

    private StorageConfigurer() {
    }

    /**
     * Gives the builder the session name and the settings from the properties, and builds.
     * @param properties the library's properties
     * @param observers the observer, when the application or the metrics support defines one
     * @param description the infrastructure, for the log (never with credentials)
     * @param builder the backend's builder, with its own options set
     * @return the storage
     */
    static AbstractStorage configure(MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers,
            String description, StorageBuilder<?> builder) {
        return configure(properties, observers, description, builder, StorageBuilder::build);
    }

    /**
     * Like {@link #configure(MtgoStorageProperties, ObjectProvider, String, StorageBuilder)}, with a
     * backend's own handling of build failures.
     */
    static <B extends StorageBuilder<?>> AbstractStorage configure(MtgoStorageProperties properties,
            ObjectProvider<StorageObserver> observers, String description, B builder, Function<B, AbstractStorage> build) {
        String sessionName = PropertyChecks.requireValidSessionName(properties.getSessionName());
        warnIfOldTypeName(properties.getType());
        AuthKeyCipher cipher = AuthKeyEncryption.cipherFor(properties.getEncryption());
        builder.sessionName(sessionName).peerCaching(properties.isSavePeers()).authKeyCipher(cipher);
        observers.ifUnique(builder::observer);
        AbstractStorage storage = build.apply(builder);
        AuthKeyEncryption.warnIfPlain(cipher, storage.backendName());
        logger.info("mtgo-storage uses the " + storage.backendName().toLowerCase(Locale.ROOT) + " backend on " + description
                + " for session '" + sessionName + "'");
        return storage;
    }

    /**
     * Turns backend properties into what the backend checks, reporting a value it refuses as the
     * property (start-up's failure analysis) instead of a bean-creation stack trace that names the
     * builder's parameter.
     * @param propertyOfParameter the property each parameter comes from, by the parameter's name as
     * the backend's {@link IllegalArgumentException} starts its message with
     * @param conversion the builder calls or constructors that check the values
     * @return what the conversion returned
     */
    static <T> T fromProperties(Map<String, String> propertyOfParameter, Supplier<T> conversion) {
        try {
            return conversion.get();
        }
        catch (IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            String property = null;
            for (Map.Entry<String, String> entry : propertyOfParameter.entrySet()) {
                if (message.startsWith(entry.getKey() + " ")) {
                    property = entry.getValue();
                    message = property + message.substring(entry.getKey().length());
                    break;
                }
            }
            String action = (property == null) ? "Correct the property it names: " + String.join(", ", propertyOfParameter.values()) + "."
                    : property.endsWith("-ttl") ? "Correct " + property + ", or remove it for entries that never expire."
                    : "Correct " + property + ".";
            throw new StorageStartupException(message + ".", action, ex);
        }
    }

    @SuppressWarnings("deprecation")
    private static void warnIfOldTypeName(StorageType type) {
        if (type == StorageType.JPA) {
            logger.warn("mtgo.storage.type=jpa is the former name of 'jdbc' and still selects it; set mtgo.storage.type=jdbc");
        }
    }

}
