package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease contract on a SQLite file (one pooled connection, as the library recommends).
 */
class SqliteJdbcSessionLeaseTests extends AbstractJdbcSessionLeaseTests {

    @TempDir
    static Path directory;

    @Override
    protected HikariDataSource openDataSource() {
        return JdbcTestDataSources.sqlite(directory.resolve("leases.sqlite"));
    }

    @Override
    protected String nowQuery() {
        return "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
    }

}
