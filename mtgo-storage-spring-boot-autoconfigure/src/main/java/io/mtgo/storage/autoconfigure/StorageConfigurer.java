package io.mtgo.storage.autoconfigure;

import java.util.Locale;
import java.util.function.Function;

import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What every backend's auto-configuration does with the storage it builds, in one place: checks
 * the session name as a property, applies {@code mtgo.storage.save-peers}, the auth-key cipher and
 * the metrics observer, and says at start-up which backend was chosen and why.
 */
final class StorageConfigurer {

    private static final Log logger = LogFactory.getLog(StorageConfigurer.class);

    private StorageConfigurer() {
    }

    /**
     * Builds and configures the storage.
     * @param properties the library's properties
     * @param observers the observer, when the application or the metrics support defines one
     * @param description the infrastructure, for the log (never with credentials)
     * @param factory builds the backend's storage for a session name
     * @return the configured storage
     */
    static AbstractStorage configure(MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers,
            String description, Function<String, AbstractStorage> factory) {
        String sessionName = requireValidSessionName(properties.getSessionName());
        AbstractStorage storage = factory.apply(sessionName);
        storage.setPeerCaching(properties.isSavePeers());
        storage.setAuthKeyCipher(AuthKeyEncryption.cipherFor(properties.getEncryption(), storage.backendName()));
        observers.ifUnique(storage::setObserver);
        logger.info("mtgo-storage uses the " + storage.backendName().toLowerCase(Locale.ROOT) + " backend on " + description
                + " for session '" + sessionName + "'");
        return storage;
    }

    /** Reported as the property, not as the constructor parameter it becomes. */
    static String requireValidSessionName(String sessionName) {
        try {
            return io.mtgo.storage.SessionNames.requireValid(sessionName, "mtgo.storage.session-name");
        }
        catch (IllegalArgumentException ex) {
            throw new StorageStartupException(ex.getMessage() + ".", "Set mtgo.storage.session-name to the name of the "
                    + "Telegram session this application runs, for example 'my-bot'.", ex);
        }
    }

}
