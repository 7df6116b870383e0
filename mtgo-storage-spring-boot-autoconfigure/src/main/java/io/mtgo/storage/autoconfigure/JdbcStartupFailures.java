package io.mtgo.storage.autoconfigure;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import io.mtgo.storage.jdbc.JdbcSchema;
import org.springframework.core.NestedExceptionUtils;

/**
 * Turns what goes wrong when the JDBC store first reaches its database into a
 * {@link StorageStartupException} that names the database, the root cause and the property to
 * change: a wrong password, an H2 file another process holds, a SQLite file whose directory does
 * not exist, or missing tables read far better
 * that way than as a stack trace or {@code bad SQL grammar []}.
 */
final class JdbcStartupFailures {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_FILE_IN_USE = 90020;

    private JdbcStartupFailures() {
    }

    static StorageStartupException databaseUnavailable(String database, String attempted, Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        // A driver may quote the URL it could not use, credentials and all.
        String reason = JdbcStorageFactory.withoutUserInfo(String.valueOf(root.getMessage()));
        String description = "mtgo-storage could not " + attempted + " on " + database + ": " + reason;
        return new StorageStartupException(description, actionFor(root), failure);
    }

    static StorageStartupException tablesMissing(String database, List<String> tables, Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return new StorageStartupException("mtgo-storage's tables (" + String.join(", ", tables) + ") "
                + "are missing or unreadable in " + database + ": " + root.getMessage(),
                "Let the library create them (mtgo.storage.jdbc.initialize-schema=always, the default), or apply its "
                        + "Liquibase changelog (mtgo.storage.jdbc.change-log) yourself; check mtgo.storage.jdbc.schema.",
                failure);
    }

    /** H2 reports a lock held by another process as error 90020 or, from its store, "The file is locked". */
    private static boolean isH2FileInUse(Throwable root) {
        String message = String.valueOf(root.getMessage());
        return (root instanceof SQLException sql && sql.getErrorCode() == H2_FILE_IN_USE) || message.contains("file is locked")
                || message.contains("already in use");
    }

    private static String actionFor(Throwable root) {
        if (root.getClass().getName().equals("liquibase.exception.LockException")) {
            // Liquibase waited five minutes for a lock nobody releases: a process killed while it
            // applied the schema (its first start, or the first after an upgrade) left it set.
            return "Liquibase's lock on the schema is held: by an instance applying mtgo-storage's schema right now, or left by "
                    + "one that was killed while doing so. If no other instance is starting, release it: UPDATE "
                    + "DATABASECHANGELOGLOCK SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1 (in the schema "
                    + "mtgo.storage.jdbc.schema names, when set).";
        }
        if (isH2FileInUse(root)) {
            return "Another process has this H2 file open (a second instance of the application, or test JVMs forked by "
                    + "surefire's forkCount?). Stop it, or point mtgo.storage.jdbc.h2.path (or spring.datasource.url) at "
                    + "another file; in tests, mtgo.storage.type=memory keeps them off the file.";
        }
        if (String.valueOf(root.getMessage()).matches("(?s).*prepared statement \"S_\\d+\" (does not exist|already exists).*")) {
            return "A connection pooler in transaction mode (PgBouncer, Supavisor, Pgpool) sits between the application and "
                    + "PostgreSQL and does not keep pgjdbc's prepared statements: add prepareThreshold=0 to "
                    + "spring.datasource.url (docs/jdbc.md, 'PostgreSQL behind a transaction pooler').";
        }
        if (String.valueOf(root.getMessage()).contains("SQLITE_CANTOPEN")) {
            return "SQLite creates its file but not the directories on the way to it: create the directory in "
                    + "spring.datasource.url (relative paths start in the working directory) and make it and the file "
                    + "readable and writable by this process, on a file system mounted read-write.";
        }
        if (root instanceof IllegalStateException) {
            // The store's own look at the database (which product, whether it keeps any text) says what to change.
            return "Change what the description names: the JDBC store needs H2, SQLite, PostgreSQL or MariaDB/MySQL, "
                    + "keeping text in UTF8 (PostgreSQL) or over a utf8mb4 connection (MariaDB/MySQL).";
        }
        if (String.valueOf(root.getMessage()).matches("(?is).*(character set|collation).*")) {
            return "mtgo-storage needs a utf8mb4 connection to MariaDB/MySQL: remove the characterEncoding, connectionCollation "
                    + "or sessionVariables that choose another character set from spring.datasource.url, and SET NAMES from "
                    + "the pool's connection-init-sql.";
        }
        if (root instanceof SQLException sql) {
            String state = String.valueOf(sql.getSQLState());
            if (state.startsWith("28") || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
                return "Check spring.datasource.username and spring.datasource.password (or the credentials of the "
                        + "DataSource named by mtgo.storage.jdbc.data-source).";
            }
        }
        if (JdbcSchema.failedOnAnExistingObject(root)) {
            return "A table mtgo-storage's changelog creates is there, but Liquibase's DATABASECHANGELOG does not record its "
                    + "changeset (its row was deleted, or the table was made by hand or another tool). Record it with Liquibase's "
                    + "changelog-sync against mtgo.storage.jdbc.change-log if the table is the library's as the changelog makes "
                    + "it, or drop the table if it holds nothing you need; or manage the schema yourself and set "
                    + "mtgo.storage.jdbc.initialize-schema=never.";
        }
        if (isMissingRight(root)) {
            return "Grant the database user what mtgo-storage needs: SELECT, INSERT, UPDATE and DELETE on its tables to run, "
                    + "and, to apply its schema (initialize-schema=always, the default), the right to create tables in the "
                    + "schema and to read and write Liquibase's DATABASECHANGELOG tables there. Or have a user with those "
                    + "rights apply the changelog (mtgo.storage.jdbc.change-log) and set mtgo.storage.jdbc.initialize-schema="
                    + "never (docs/jdbc.md, 'Database rights').";
        }
        return "Check that the database in spring.datasource.url is running and reachable, or set "
                + "mtgo.storage.jdbc.initialize-schema=never if the schema is managed elsewhere.";
    }

    /**
     * A right the database user lacks: PostgreSQL's {@code insufficient_privilege} (42501, also "must
     * be owner of"), MariaDB's and MySQL's "command denied" and "access denied" for a database or a
     * privilege (1044, 1142, 1143, 1227). A wrong password is told apart before this.
     */
    private static boolean isMissingRight(Throwable root) {
        if (!(root instanceof SQLException sql)) {
            return false;
        }
        int code = sql.getErrorCode();
        return "42501".equals(sql.getSQLState()) || code == 1044 || code == 1142 || code == 1143 || code == 1227;
    }

}
