package io.mtgo.storage;

import org.springframework.dao.DataAccessException;

/**
 * A backend failed: the database, Redis or MongoDB could not do what was asked. Always carries the
 * cause and names the operation and session. A failure is never reported as an empty result.
 */
public class StorageException extends DataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and its cause.
     * @param message what failed, with the operation and session
     * @param cause the backend's exception
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception without a cause, for failures detected by the storage itself (for
     * example stored data that cannot be decoded).
     * @param message what failed, with the operation and session
     */
    public StorageException(String message) {
        super(message);
    }

}
