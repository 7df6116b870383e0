package io.mtgo.storage.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Start-up failure of mtgo-storage that names what is wrong and what to change (a property, the
 * database), explained by {@link StorageStartupFailureAnalyzer} instead of a raw stack trace.
 */
public class StorageStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * Creates the exception.
     * @param description what went wrong
     * @param action what the user should change
     * @param cause the underlying failure, or {@code null}
     */
    public StorageStartupException(String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /**
     * Returns what the user should change.
     * @return the action
     */
    public String getAction() {
        return this.action;
    }

}
