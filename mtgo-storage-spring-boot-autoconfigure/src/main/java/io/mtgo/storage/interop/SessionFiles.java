package io.mtgo.storage.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionNames;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code .session} files Telethon and Pyrogram keep (SQLite databases in each library's
 * own schema), so that a login and its peer cache move to any {@link Storage} without logging in
 * again. The file is opened read-only and never changed.
 * <p>
 * Needs {@code org.xerial:sqlite-jdbc} on the classpath (an optional dependency of this library);
 * this class loads without it and says so when used.
 * <p>
 * <strong>A {@code .session} file is a full login</strong>: whoever holds it can use the account.
 */
public final class SessionFiles {

    private static final String SQLITE_DRIVER = "org.sqlite.JDBC";

    /** sqlite-jdbc's connection property for the sqlite3_open_v2 flags; 1 is SQLITE_OPEN_READONLY. */
    private static final String OPEN_MODE = "open_mode";

    private static final String READ_ONLY = "1";

    /** sqlite-jdbc's connection property for how long to wait for another client's lock, in ms. */
    private static final String BUSY_TIMEOUT = "busy_timeout";

    /** Long enough for a running client's write to finish, short enough to tell a caller soon. */
    private static final String BUSY_TIMEOUT_MS = "1000";

    private SessionFiles() {
    }

    /**
     * Reads a Telethon or Pyrogram {@code .session} file, detecting which library wrote it from its
     * tables.
     * @param file the {@code .session} file
     * @param sessionName the name to give the imported session
     * @return the session, its cached peers and account data
     * @throws IllegalArgumentException when the file is missing, not SQLite, of neither library, or
     * holds no usable login; or when SQLite cannot read it: damaged ({@code SQLITE_CORRUPT}), locked by
     * a client still writing it ({@code SQLITE_BUSY}), or left mid-write by an interrupted client (a hot
     * journal); the message says which and what to do, and the file is never changed
     * @throws IllegalStateException when sqlite-jdbc is not on the classpath
     * @throws StorageException when SQLite fails while reading
     */
    public static ImportedSession read(Path file, String sessionName) {
        Arguments.requireNonNull(file, "file");
        SessionNames.requireValid(sessionName, "sessionName");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("session file " + file + " does not exist or is not a regular file");
        }
        try (Connection connection = openReadOnly(file)) {
            Set<String> tables = tables(connection);
            if (!tables.contains("sessions")) {
                throw new IllegalArgumentException("session file " + file + " has no 'sessions' table, so neither Telethon nor"
                        + " Pyrogram wrote it (tables: " + tables + ")");
            }
            Set<String> sessionColumns = columns(connection, "sessions");
            if (sessionColumns.contains("test_mode") && sessionColumns.contains("user_id")) {
                return PyrogramSessionFile.read(connection, tables, sessionColumns, sessionName);
            }
            if (sessionColumns.contains("server_address") && sessionColumns.contains("auth_key")) {
                return TelethonSessionFile.read(connection, tables, sessionName);
            }
            throw new IllegalArgumentException("session file " + file + " has a 'sessions' table with columns " + sessionColumns
                    + ", which match neither Telethon's nor Pyrogram's");
        }
        catch (SQLException ex) {
            throw SessionFileFailures.explain(file, ex);
        }
    }

    /**
     * Opens a file read-only through sqlite-jdbc, loaded by name so that this class needs no
     * SQLite classes to load.
     * @param file the database file
     * @return a read-only connection
     * @throws SQLException when SQLite cannot open it
     */
    static Connection openReadOnly(Path file) throws SQLException {
        Driver driver;
        try {
            Class<?> driverClass = Class.forName(SQLITE_DRIVER, true, SessionFiles.class.getClassLoader());
            driver = (Driver) driverClass.getDeclaredConstructor().newInstance();
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalStateException("Reading .session files needs the SQLite JDBC driver: add the dependency "
                    + "org.xerial:sqlite-jdbc to the application", ex);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Could not create the SQLite JDBC driver " + SQLITE_DRIVER, ex);
        }
        Properties properties = new Properties();
        properties.setProperty(OPEN_MODE, READ_ONLY);
        properties.setProperty(BUSY_TIMEOUT, BUSY_TIMEOUT_MS);
        Connection connection = driver.connect("jdbc:sqlite:" + file.toAbsolutePath(), properties);
        if (connection == null) {
            throw new SQLException("The SQLite driver refused the URL for " + file);
        }
        return connection;
    }

    static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        // Table names come from our own constants, never from the file.
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        return columns;
    }

    /**
     * Checks the auth key column of a file's session row.
     * @param key the column's bytes, or {@code null}
     * @param library the library name for the message
     * @return the 256-byte key
     */
    static byte[] requireAuthKey(byte @Nullable [] key, String library) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException(library + " session file holds no auth key: the session never logged in");
        }
        if (key.length != Arguments.AUTH_KEY_LENGTH) {
            throw new IllegalArgumentException(library + " session file holds an auth key of " + key.length + " bytes but an auth key is "
                    + Arguments.AUTH_KEY_LENGTH + " bytes");
        }
        return SessionStringBytes.requireRealKey(key, library);
    }

    /**
     * Builds a session, naming the file's library when a value breaks our rules.
     * @param builder the filled builder
     * @param library the library name for the message
     * @return the session
     */
    static Session build(Session.Builder builder, String library) {
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(library + " session file holds a session our rules reject: " + ex.getMessage(), ex);
        }
    }

    /**
     * Text that our rules accept as a name, or {@code null}: a cached name is cosmetic, so a bad one
     * is dropped rather than costing the peer.
     */
    static @Nullable String cosmeticText(@Nullable String text) {
        try {
            return Arguments.optionalText(text, Arguments.MAX_TEXT_LENGTH, "name");
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * Collects the cached peers of a file, counting those our rules reject instead of failing the
     * whole import over one bad row.
     */
    static final class PeerCollector {

        private final List<Peer> peers = new ArrayList<>();

        private int skipped;

        void add(Peer.Builder builder) {
            try {
                this.peers.add(builder.build());
            }
            catch (IllegalArgumentException ex) {
                this.skipped++;
            }
        }

        void skip() {
            this.skipped++;
        }

        List<Peer> peers() {
            return this.peers;
        }

        int skipped() {
            return this.skipped;
        }

    }

}
