package io.mtgo.storage.spi;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionNames;
import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;

/**
 * The one way a storage is built: each backend's builder starts from its infrastructure
 * ({@code JdbcStorage.builder(dataSource)}, {@code RedisStorage.builder(connectionFactory)}, ...),
 * adds its own options, and inherits from here the session name and the {@link StorageSettings}
 * every storage carries. Nothing about a storage is changed after {@link #build()}.
 *
 * @param <B> the backend's builder
 */
public abstract class StorageBuilder<B extends StorageBuilder<B>> {

    private @Nullable String sessionName;

    private boolean peerCaching = StorageSettings.DEFAULTS.peerCaching();

    private AuthKeyCipher authKeyCipher = StorageSettings.DEFAULTS.authKeyCipher();

    private StorageObserver observer = StorageSettings.DEFAULTS.observer();

    /** For the backends' builders. */
    protected StorageBuilder() {
    }

    /**
     * Sets the session the storage is scoped to (required); {@link Storage#forSession} gives
     * views of others.
     * @param sessionName the session name
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public final B sessionName(String sessionName) {
        this.sessionName = SessionNames.requireValid(sessionName, "sessionName");
        return self();
    }

    /**
     * Sets whether peers are cached (on by default); when off, peer writes are ignored and peer
     * reads are empty.
     * @param enabled whether peers are cached
     * @return this builder
     */
    public final B peerCaching(boolean enabled) {
        this.peerCaching = enabled;
        return self();
    }

    /**
     * Sets how auth keys are stored ({@link AuthKeyCipher#PLAIN} by default).
     * @param cipher the cipher
     * @return this builder
     */
    public final B authKeyCipher(AuthKeyCipher cipher) {
        this.authKeyCipher = Arguments.requireNonNull(cipher, "authKeyCipher");
        return self();
    }

    /**
     * Sets who is told about every operation ({@link StorageObserver#NONE} by default).
     * @param observer the observer
     * @return this builder
     */
    public final B observer(StorageObserver observer) {
        this.observer = Arguments.requireNonNull(observer, "observer");
        return self();
    }

    /**
     * Builds the storage.
     * @return the storage, scoped to the session name set here
     * @throws IllegalArgumentException when no session name was set, or an option is invalid
     */
    public abstract AbstractStorage build();

    /**
     * Returns the session name, for {@link #build()}.
     * @return the session name
     * @throws IllegalArgumentException when none was set
     */
    protected final String requiredSessionName() {
        return SessionNames.requireValid(this.sessionName, "sessionName");
    }

    /** @return the settings the storage will carry, for {@link #build()} */
    protected final StorageSettings settings() {
        return new StorageSettings(this.peerCaching, this.authKeyCipher, this.observer);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

}
