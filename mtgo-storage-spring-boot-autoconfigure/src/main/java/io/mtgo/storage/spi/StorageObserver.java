package io.mtgo.storage.spi;

import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;

/**
 * Told about every storage operation that reached the backend (invalid arguments are rejected
 * before and are not reported), for metrics. Called on the calling thread; must be fast and must
 * not throw.
 */
@FunctionalInterface
public interface StorageObserver {

    /** An observer that does nothing. */
    StorageObserver NONE = (backend, operation, nanos, failure) -> {
    };

    /**
     * Reports one finished operation.
     * @param backend the backend's name, for example {@code "jpa"}
     * @param operation the {@link Storage} method, for example {@code "savePeer"}
     * @param nanos how long it took
     * @param failure the failure, or {@code null} when it succeeded
     */
    void onOperation(String backend, String operation, long nanos, @Nullable Throwable failure);

}
