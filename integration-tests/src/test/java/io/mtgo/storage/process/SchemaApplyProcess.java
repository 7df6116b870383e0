package io.mtgo.storage.process;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.jdbc.JdbcSchema;

/**
 * A child JVM that applies the library's changelog as an application instance does at start-up,
 * at a given moment so that several start together: {@code <start at, epoch ms> <schema or ""> <database args>}.
 * Prints {@code applied} and exits 0, or exits 1 with the failure on stderr.
 */
public final class SchemaApplyProcess {

    private SchemaApplyProcess() {
    }

    public static void main(String[] args) throws Exception {
        long startAt = Long.parseLong(args[0]);
        String schema = args[1].isEmpty() ? null : args[1];
        WriterDatabase database = WriterDatabase.fromArgs(args, 2);
        try (HikariDataSource dataSource = database.open()) {
            Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
            JdbcSchema.apply(dataSource, JdbcSchema.CHANGELOG, schema);
            System.out.println("applied");
        }
        catch (RuntimeException ex) {
            ex.printStackTrace();
            System.exit(1);
        }
    }

}
