package io.mtgo.storage.spi;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Storage;

/**
 * What every storage carries besides its infrastructure: given once to the builder, fixed for the
 * storage's life and carried over to every {@link Storage#forSession(String) forSession} view.
 *
 * @param peerCaching whether peers are cached; when off, peer writes are ignored and peer reads
 * are empty, like the {@code SavePeers} switch of other libraries
 * @param authKeyCipher how auth keys are stored ({@link AuthKeyCipher#PLAIN}: as they are)
 * @param observer who is told about every operation, for metrics
 */
public record StorageSettings(boolean peerCaching, AuthKeyCipher authKeyCipher, StorageObserver observer) {

    /** Peers cached, keys stored as they are, nobody told. */
    public static final StorageSettings DEFAULTS = new StorageSettings(true, AuthKeyCipher.PLAIN, StorageObserver.NONE);

    /**
     * Checks the settings.
     * @throws IllegalArgumentException when the cipher or observer is {@code null}
     */
    public StorageSettings {
        Arguments.requireNonNull(authKeyCipher, "authKeyCipher");
        Arguments.requireNonNull(observer, "observer");
    }

}
