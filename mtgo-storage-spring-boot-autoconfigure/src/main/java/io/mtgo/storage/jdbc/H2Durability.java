package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * H2 acknowledges a commit before it reaches the file: by default it writes the log up to 500 ms
 * later ({@code WRITE_DELAY}), so a process killed in that window loses writes it reported as done
 * (shown by the SIGKILL crash test). Stored auth keys and update state must survive a crash, so the
 * starter's own H2 file sets the delay to 0, and a storage on an application's H2 file that keeps a
 * delay says so once.
 */
public final class H2Durability {

    /** Appended to H2 file URLs: every commit reaches the file before it is acknowledged. */
    public static final String URL_SETTINGS = ";WRITE_DELAY=0";

    private static final Log logger = LogFactory.getLog(H2Durability.class);

    private H2Durability() {
    }

    static void warnIfCommitsAreDelayed(Connection connection) throws SQLException {
        String url = String.valueOf(connection.getMetaData().getURL());
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") || url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:")) {
            return;
        }
        int writeDelay = writeDelay(connection);
        if (writeDelay > 0) {
            logger.warn("mtgo-storage: the H2 database at " + url + " acknowledges commits up to " + writeDelay
                    + " ms before writing them (WRITE_DELAY); a crash in that window loses sessions and peers the bot "
                    + "was told were saved. Add " + URL_SETTINGS + " to the JDBC URL.");
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
