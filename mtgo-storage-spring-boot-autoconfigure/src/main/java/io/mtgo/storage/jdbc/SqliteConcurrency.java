package io.mtgo.storage.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;

/**
 * What a SQLite file shared by several pooled connections needs, which the driver's defaults do not
 * give: in SQLite's default rollback journal a reader and the writer lock each other out, and a
 * connection that finds the file locked waits only {@code busy_timeout}; under a bot's concurrent
 * calls some then fail with {@code SQLITE_BUSY} ("The database file is locked"), and the store does
 * not try again a write that waited out the lock (docs/jdbc.md, on retries). A storage on such a
 * file says so once, with the URL that avoids it. A pool of one connection (what docs/jdbc.md
 * advises) has nobody to contend with inside the process and is left alone, as is a pool whose size
 * cannot be read (a wrapped or unknown DataSource).
 */
final class SqliteConcurrency {

    /** A shorter wait can run out while a writer still holds the file for a large batch of peers or a checkpoint. */
    private static final int SHORTEST_SAFE_BUSY_TIMEOUT_MS = 1000;

    private static final Log logger = LogFactory.getLog(SqliteConcurrency.class);

    private SqliteConcurrency() {
    }

    static void warnIfUnsafe(Connection connection, DataSource dataSource) throws SQLException {
        @Nullable Integer poolSize = largestPoolSize(dataSource);
        if (poolSize == null || poolSize <= 1) {
            return; // the advised pool of one: no query at start-up
        }
        String file = fileOf(connection);
        if (file.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String journalMode = pragma(connection, "journal_mode").toLowerCase(Locale.ROOT);
        if (!journalMode.equals("wal")) {
            problems.add("is in journal_mode=" + journalMode + ", where a reader and the writer lock each other out");
        }
        String busyTimeout = pragma(connection, "busy_timeout");
        if (busyTimeout.matches("\\d{1,9}") && Integer.parseInt(busyTimeout) < SHORTEST_SAFE_BUSY_TIMEOUT_MS) {
            problems.add("is given up on after " + busyTimeout + " ms when locked (busy_timeout)");
        }
        if (!problems.isEmpty()) {
            logger.warn("mtgo-storage: the SQLite file " + file + ", shared by up to " + poolSize + " pooled connections, "
                    + String.join(" and ", problems) + ": under concurrent calls some fail with SQLITE_BUSY (\"The database "
                    + "file is locked\"). Add journal_mode=WAL&busy_timeout=10000&open_mode=32774 to the JDBC URL and keep "
                    + "the pool to one connection (spring.datasource.hikari.maximum-pool-size=1; docs/jdbc.md, \"SQLite\").");
        }
    }

    /** The main database's file; empty for an in-memory or temporary database. */
    private static String fileOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString("name"))) {
                    String file = rows.getString("file");
                    return (file != null) ? file : "";
                }
            }
            return "";
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            return row.next() ? String.valueOf(row.getString(1)) : "";
        }
    }

    /**
     * The pool's largest size, read by name so that no pool is a dependency: HikariCP's
     * {@code getMaximumPoolSize}, Commons DBCP2's {@code getMaxTotal}, Tomcat JDBC's {@code getMaxActive}.
     */
    private static @Nullable Integer largestPoolSize(DataSource dataSource) {
        for (String getter : new String[] { "getMaximumPoolSize", "getMaxTotal", "getMaxActive" }) {
            Method method = ReflectionUtils.findMethod(dataSource.getClass(), getter);
            if (method != null && method.getReturnType() == int.class) {
                return (Integer) ReflectionUtils.invokeMethod(method, dataSource);
            }
        }
        return null;
    }

}
