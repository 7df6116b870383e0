package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease contract on an H2 file database.
 */
class H2JdbcSessionLeaseTests extends AbstractJdbcSessionLeaseTests {

    @TempDir
    static Path directory;

    @Override
    protected HikariDataSource openDataSource() {
        return JdbcTestDataSources.h2(directory);
    }

    @Override
    protected String nowQuery() {
        return "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(3)) * 1000 AS BIGINT)";
    }

}
