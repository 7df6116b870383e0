package io.mtgo.storage.jdbc;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Tells the failures of a changelog run that another instance of the application, applying the
 * same changelog to the same new database at the same moment, can cause: both create a schema or
 * Liquibase's own tables (one is told it exists already, or its key is taken), or SQLite refuses a
 * writer while the other holds the file's lock, at once when a transaction that read must become a
 * writer (its busy timeout does not apply then). Such a run succeeds when tried again, where the
 * other instance has finished or holds Liquibase's lock.
 */
final class SchemaRaces {

    private SchemaRaces() {
    }

    /**
     * @param failure what a changelog run threw
     * @return whether a database error in its causes is one a concurrent run explains
     */
    static boolean lostToAnotherInstance(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof SQLException sql && concurrentCreation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean concurrentCreation(SQLException failure) {
        String state = String.valueOf(failure.getSQLState());
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return state.startsWith("23") // a key taken: the lock table's row, PostgreSQL's catalog entry of a schema
                || alreadyExists(failure)
                || state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
                || failure.getErrorCode() == 1205 // MariaDB: lock wait
                || message.contains("sqlite_busy") || message.contains("sqlite_locked");
    }

    /**
     * @param failure a database error
     * @return whether it refused to create a schema, table or index that is there already
     */
    static boolean alreadyExists(SQLException failure) {
        String state = String.valueOf(failure.getSQLState());
        int code = failure.getErrorCode();
        return state.equals("42P06") || state.equals("42P07") // PostgreSQL: schema, table or index exists
                || state.equals("42S01") // table exists: H2, MariaDB/MySQL
                || code == 1050 || code == 1061 // MariaDB/MySQL: table, index exists
                || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("already exists"); // the rest, SQLite
    }

}
