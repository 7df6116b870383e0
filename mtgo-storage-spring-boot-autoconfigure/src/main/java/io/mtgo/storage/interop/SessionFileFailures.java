package io.mtgo.storage.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import io.mtgo.storage.StorageException;

/**
 * Turns what SQLite reports about an unreadable {@code .session} file into a message that says which
 * problem it is and what to do. The file is opened read-only, so none of these changes it: SQLite
 * cannot roll back an interrupted write or take a lock for writing through such a connection.
 */
final class SessionFileFailures {

    /** SQLite's primary result codes (the low byte of an extended code). */
    private static final int SQLITE_BUSY = 5;

    private static final int SQLITE_READONLY = 8;

    private static final int SQLITE_CORRUPT = 11;

    private static final int SQLITE_NOTADB = 26;

    /** SQLITE_READONLY_ROLLBACK: a hot journal that a read-only connection cannot roll back. */
    private static final int SQLITE_READONLY_ROLLBACK = SQLITE_READONLY | (3 << 8);

    /** SQLITE_READONLY_RECOVERY: a write-ahead log that needs recovery a read-only connection cannot run. */
    private static final int SQLITE_READONLY_RECOVERY = SQLITE_READONLY | (1 << 8);

    private SessionFileFailures() {
    }

    /**
     * Explains a failure to read a session file.
     * @param file the {@code .session} file
     * @param ex what SQLite reported
     * @return the exception to throw
     */
    static RuntimeException explain(Path file, SQLException ex) {
        int code = ex.getErrorCode();
        int primary = code & 0xFF;
        if (primary == SQLITE_NOTADB) {
            return new IllegalArgumentException("session file " + file + " is not an SQLite database");
        }
        if (primary == SQLITE_CORRUPT) {
            return new IllegalArgumentException("session file " + file + " is damaged (SQLITE_CORRUPT: " + ex.getMessage()
                    + "); it was left unchanged. Import a backup copy of it, or log in again with the library that wrote it",
                    ex);
        }
        if (primary == SQLITE_BUSY) {
            return new IllegalArgumentException("session file " + file + " is locked (SQLITE_BUSY): a client that uses it "
                    + "is still running and writing; it was left unchanged. Stop that client (or wait until it is idle) and "
                    + "import again", ex);
        }
        if (isInterruptedWrite(file, code, primary)) {
            return new IllegalArgumentException("session file " + file + " was left mid-write by an interrupted client (hot "
                    + "journal " + file.getFileName() + "-journal or -wal next to it) and SQLite must roll that write back "
                    + "before anyone reads it; it was left unchanged. Open it once with the library that wrote it (or run "
                    + "sqlite3 on it with write access) so the write is rolled back, keep the -journal/-wal file next to it "
                    + "until then, and import again", ex);
        }
        return new StorageException("Could not read session file " + file, ex);
    }

    private static boolean isInterruptedWrite(Path file, int code, int primary) {
        if (code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY) {
            return true;
        }
        // Drivers that report only the primary code: a read-only connection writes only to recover.
        return primary == SQLITE_READONLY && (Files.exists(sibling(file, "-journal")) || Files.exists(sibling(file, "-wal")));
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

}
