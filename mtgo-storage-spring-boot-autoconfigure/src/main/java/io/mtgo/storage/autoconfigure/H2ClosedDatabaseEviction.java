package io.mtgo.storage.autoconfigure;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Drops a connection of the starter's H2 pool once H2 has closed its database. H2 closes the
 * database for good when a write to the file fails (a full disk) and on {@code SHUTDOWN}; every
 * connection it had then answers "The database has been closed", reads included, and Hikari keeps
 * them (the error is no connection error to it), so the storage stayed down until a restart also
 * after the disk had room again. A new connection opens the file anew.
 */
final class H2ClosedDatabaseEviction implements SQLExceptionOverride {

    /** {@code DATABASE_IS_CLOSED}. */
    private static final int DATABASE_IS_CLOSED = 90098;

    /** {@code DATABASE_CALLED_AT_SHUTDOWN}. */
    private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        int code = failure.getErrorCode();
        return (code == DATABASE_IS_CLOSED || code == DATABASE_CALLED_AT_SHUTDOWN) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

}
