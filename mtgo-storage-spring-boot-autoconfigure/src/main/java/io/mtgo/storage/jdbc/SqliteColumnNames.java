package io.mtgo.storage.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Spares sqlite-jdbc reading a kept statement's column names again on every execution. Its result
 * set forgets them when closed, and every execution closes the statement's previous one first, so
 * each query asks SQLite for every column's name: one native call and one new string a column, 2 of
 * the 14 microseconds of a 13-column read by id (measured with the peer benchmark's data). The names
 * of a prepared statement never change, so they are handed back to the driver's result set (the same
 * object for every execution of a statement) between running the statement and fetching its rows.
 * <p>
 * This goes through the public field {@code org.sqlite.core.CoreResultSet.colsMeta}; with a driver
 * that has none (another version, another driver) queries run as usual. One instance per kept
 * statement, used by one thread at a time.
 */
final class SqliteColumnNames {

    private static final @Nullable Class<?> DRIVER_RESULT_SET = DriverClasses.find("org.sqlite.core.CoreResultSet");

    private static final @Nullable VarHandle COLUMN_NAMES = columnNamesField();

    /** The driver's result set of the statement, as the first execution returned it. */
    private @Nullable ResultSet rows;

    private String @Nullable [] names;

    /** @return whether the driver lets the names be kept (else every query reads them anew) */
    static boolean keepsNames() {
        return COLUMN_NAMES != null;
    }

    ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        ResultSet known = this.rows;
        String[] knownNames = this.names;
        VarHandle field = COLUMN_NAMES;
        if (field == null || known == null || knownNames == null) {
            ResultSet first = statement.executeQuery();
            remember(first);
            return first;
        }
        if (!statement.execute()) {
            throw new SQLException("The statement returned no rows: " + statement);
        }
        field.set(known, knownNames);
        ResultSet result = statement.getResultSet();
        if (result != known) {
            remember(result); // not the object the driver has used so far: its names are its own
        }
        return result;
    }

    private void remember(ResultSet result) {
        VarHandle field = COLUMN_NAMES;
        Class<?> driverResultSet = DRIVER_RESULT_SET;
        if (field != null && driverResultSet != null && driverResultSet.isInstance(result)) {
            this.rows = result;
            this.names = (String[]) field.get(result);
        }
    }

    private static @Nullable VarHandle columnNamesField() {
        Class<?> driverResultSet = DRIVER_RESULT_SET;
        if (driverResultSet == null) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findVarHandle(driverResultSet, "colsMeta", String[].class);
        }
        catch (NoSuchFieldException | IllegalAccessException ex) {
            return null;
        }
    }

}
