package io.mtgo.storage.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: the shared {@code ON CONFLICT} upserts; unique violations, deadlocks and
 * serialization failures carry SQL states Spring's translator already classifies.
 * <p>
 * Statements that find rows by key are planned for every execution. pgjdbc prepares a statement
 * on the server after five executions on a connection, and PostgreSQL then switches to one generic
 * plan, costed for the table as it was at that moment. Made while {@code mtgo_peers} was empty or
 * small, that plan is a sequential scan, and it stays one on that connection as the table grows
 * (until an {@code ANALYZE} happens to invalidate it): a second {@code savePeers} of 20,000 peers
 * then took 48 s instead of 1.2 s, one full scan per freed username. No text of the statement
 * avoids this: against an empty table a scan costs nothing, so any generic plan made then is one.
 * So these statements run unnamed ({@code PGStatement.setPrepareThreshold(0)}), planned with the
 * table's real size; the upserts, whose plans never scan, keep pgjdbc's server-side preparation.
 * Other drivers for PostgreSQL are left alone.
 */
final class PostgresJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    private static final @Nullable Class<?> PG_STATEMENT = pgjdbcClass("org.postgresql.PGStatement");

    private static final @Nullable MethodHandle SET_PREPARE_THRESHOLD = setPrepareThreshold();

    @Override
    void prepareKeyLookup(PreparedStatement statement) throws SQLException {
        if (PG_STATEMENT == null || SET_PREPARE_THRESHOLD == null || !statement.isWrapperFor(PG_STATEMENT)) {
            return;
        }
        try {
            SET_PREPARE_THRESHOLD.invoke(statement.unwrap(PG_STATEMENT), 0);
        }
        catch (SQLException | RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new SQLException("Could not set pgjdbc's prepare threshold", ex);
        }
    }

    private static @Nullable Class<?> pgjdbcClass(String name) {
        try {
            return Class.forName(name, false, PostgresJdbcStorageDialect.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    private static @Nullable MethodHandle setPrepareThreshold() {
        if (PG_STATEMENT == null) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findVirtual(PG_STATEMENT, "setPrepareThreshold", MethodType.methodType(void.class, int.class));
        }
        catch (ReflectiveOperationException ex) {
            return null;
        }
    }

}
