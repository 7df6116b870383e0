package io.mtgo.storage.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Runs a kept statement on SQLite without sqlite-jdbc's look for generated keys, which the store
 * never asks for. After every {@code execute} and {@code executeUpdate} the driver matches the
 * statement's whole text against its {@code INSERT_PATTERN}, a case-insensitive regular expression
 * it tries at every position of the text (about 0.2 of the 10-11 microseconds of CPU a read by id
 * takes, measured on the peer benchmark's data), and after an {@code INSERT} also runs
 * {@code SELECT last_insert_rowid()} on a statement compiled anew (13% of a {@code savePeer}'s CPU
 * time).
 * <p>
 * Whether the driver does it is a setting of the connection ({@code jdbc.get_generated_keys} on the
 * URL, on by default), shared with the application's own statements on that connection. So it is
 * turned off only while the store's statement runs, and back on at once, holding the two monitors
 * under which the driver reads it: the connection's ({@code PreparedStatement.execute} and
 * {@code executeUpdate}) and its database's ({@code Statement.executeUpdate}). No statement of
 * another thread sharing the connection can run meanwhile and miss its keys.
 * <p>
 * Through the driver's public {@code SQLiteConnection.getConnectionConfig()} and
 * {@code getDatabase()}; with a driver that has neither (another version, another driver) statements
 * run as usual. One instance per kept statement.
 */
final class SqliteGeneratedKeys {

    private static final @Nullable Accessors ACCESSORS = Accessors.find();

    private final Connection connection;

    private final Object database;

    private final Object settings;

    private SqliteGeneratedKeys(Connection connection, Object database, Object settings) {
        this.connection = connection;
        this.database = database;
        this.settings = settings;
    }

    /**
     * @param statement a statement prepared on the driver's connection
     * @return how to run it without the look for generated keys, or {@code null} when the driver
     * offers no way (not sqlite-jdbc, or a version without the setting)
     */
    static @Nullable SqliteGeneratedKeys of(PreparedStatement statement) throws SQLException {
        Accessors accessors = ACCESSORS;
        Connection connection = statement.getConnection();
        if (accessors == null || !accessors.connectionClass.isInstance(connection)) {
            return null;
        }
        try {
            return new SqliteGeneratedKeys(connection, accessors.database.invoke(connection), accessors.settings.invoke(connection));
        }
        catch (Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return null; // a getter that cannot fail; should a driver's do, its statements simply run as usual
        }
    }

    /** Runs {@code execution}, the statement's {@code execute} or {@code executeUpdate}, with the look switched off. */
    <T> T run(Execution<T> execution) throws SQLException {
        // Read from the static constant on each call (never null once an instance exists): the JIT
        // then inlines the method handles, which it does not for handles held in an instance field.
        Accessors accessors = ACCESSORS;
        synchronized (this.connection) {
            synchronized (this.database) {
                if (accessors == null || !accessors.isOn(this.settings)) {
                    return execution.run();
                }
                accessors.set(this.settings, false);
                try {
                    return execution.run();
                }
                finally {
                    accessors.set(this.settings, true);
                }
            }
        }
    }

    /** One execution of a statement. */
    @FunctionalInterface
    interface Execution<T> {

        T run() throws SQLException;

    }

    /** The driver's getters and setter, looked up once. */
    private record Accessors(Class<?> connectionClass, MethodHandle database, MethodHandle settings, MethodHandle isOn,
            MethodHandle set) {

        static @Nullable Accessors find() {
            Class<?> connectionClass = DriverClasses.find("org.sqlite.SQLiteConnection");
            Class<?> settingsClass = DriverClasses.find("org.sqlite.SQLiteConnectionConfig");
            Class<?> databaseClass = DriverClasses.find("org.sqlite.core.DB");
            if (connectionClass == null || settingsClass == null || databaseClass == null) {
                return null;
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                MethodType toObject = MethodType.methodType(Object.class, Object.class);
                return new Accessors(connectionClass,
                        lookup.findVirtual(connectionClass, "getDatabase", MethodType.methodType(databaseClass)).asType(toObject),
                        lookup.findVirtual(connectionClass, "getConnectionConfig", MethodType.methodType(settingsClass)).asType(toObject),
                        lookup.findVirtual(settingsClass, "isGetGeneratedKeys", MethodType.methodType(boolean.class))
                            .asType(MethodType.methodType(boolean.class, Object.class)),
                        lookup.findVirtual(settingsClass, "setGetGeneratedKeys", MethodType.methodType(void.class, boolean.class))
                            .asType(MethodType.methodType(void.class, Object.class, boolean.class)));
            }
            catch (NoSuchMethodException | IllegalAccessException ex) {
                return null;
            }
        }

        boolean isOn(Object settings) {
            try {
                return (boolean) this.isOn.invokeExact(settings);
            }
            catch (Throwable ex) {
                throw new IllegalStateException("sqlite-jdbc's isGetGeneratedKeys failed", ex);
            }
        }

        void set(Object settings, boolean on) {
            try {
                this.set.invokeExact(settings, on);
            }
            catch (Throwable ex) {
                throw new IllegalStateException("sqlite-jdbc's setGetGeneratedKeys failed", ex);
            }
        }

    }

}
