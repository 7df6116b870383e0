package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What an H2 file needs for the sessions in it to be safe, which H2's defaults do not give:
 * <ul>
 * <li>H2 acknowledges a commit before it reaches the file: by default it writes the log up to 500 ms
 * later ({@code WRITE_DELAY}), so a process killed in that window loses writes it reported as done
 * (shown by the SIGKILL crash test);</li>
 * <li>H2 closes the database in a JVM shutdown hook of its own, which runs alongside Spring's
 * shutdown, so writes made while the application stops (and the session lease's release) failed with
 * "Database is already closed" ({@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to the pool);</li>
 * <li>Java closes a file channel when the thread using it is interrupted (a cancelled
 * {@code Future}, a coroutine's timeout), and H2 then closes the whole database for every thread
 * until the process restarts; H2's {@code retry:} file system reopens the channel instead.</li>
 * </ul>
 * The starter's own H2 file is opened with all three ({@link #fileUrl(Path)}); a storage on an
 * application's H2 file with a commit delay or without {@code retry:} says so once (the driver's URL
 * no longer shows {@code DB_CLOSE_ON_EXIT}, so docs/jdbc.md asks for it).
 */
public final class H2Durability {

    /** Appended to H2 file URLs: commits reach the file before they are acknowledged, and the pool closes the database. */
    public static final String URL_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    /** H2's file system that reopens a file whose channel an interrupt closed. */
    private static final String INTERRUPT_SAFE_FILE_SYSTEM = "retry:";

    private static final Log logger = LogFactory.getLog(H2Durability.class);

    private H2Durability() {
    }

    /**
     * The URL of an H2 file as the starter opens it.
     * @param file the database file, without {@code .mv.db}
     * @return {@code jdbc:h2:retry:<file>;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE}
     */
    public static String fileUrl(Path file) {
        return fileLocation(file) + URL_SETTINGS;
    }

    /**
     * The URL of an H2 file as the starter opens it, without settings: what another connection of
     * the same JVM must use to share the open database (the H2 console, a backup). H2 takes
     * {@code jdbc:h2:file:} with the same path for another database, and fails on the file's lock.
     * @param file the database file, without {@code .mv.db}
     * @return {@code jdbc:h2:retry:<file>}
     */
    public static String fileLocation(Path file) {
        return "jdbc:h2:" + INTERRUPT_SAFE_FILE_SYSTEM + file;
    }

    static void warnIfUnsafe(Connection connection) throws SQLException {
        String url = String.valueOf(connection.getMetaData().getURL());
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:")) {
            return;
        }
        // A server's files are the server's business: only the commit delay is visible from here.
        boolean server = lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:");
        List<String> problems = new ArrayList<>();
        int writeDelay = writeDelay(connection);
        if (writeDelay > 0) {
            problems.add("acknowledges commits up to " + writeDelay + " ms before writing them (WRITE_DELAY): a crash in that "
                    + "window loses sessions and peers the bot was told were saved");
        }
        if (!server && !lower.startsWith("jdbc:h2:" + INTERRUPT_SAFE_FILE_SYSTEM) && !lower.startsWith("jdbc:h2:async:")) {
            problems.add("is closed for every thread until a restart when a thread writing to it is interrupted (a cancelled "
                    + "Future or coroutine)");
        }
        if (!problems.isEmpty()) {
            logger.warn("mtgo-storage: the H2 database at " + url + " " + String.join("; it ", problems) + ". "
                    + (server ? "Add ;WRITE_DELAY=0 to the JDBC URL."
                            : "Open it as jdbc:h2:" + INTERRUPT_SAFE_FILE_SYSTEM + "<path>" + URL_SETTINGS + " (docs/jdbc.md, \"H2\")."));
        }
    }

    private static int writeDelay(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection
            .prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
                ResultSet row = statement.executeQuery()) {
            return row.next() ? Integer.parseInt(row.getString(1).trim()) : 0;
        }
    }

}
