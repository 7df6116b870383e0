package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads of mixed writes on the JDBC backend over H2.
 */
class H2JdbcStorageConcurrencyTests extends AbstractJdbcStorageConcurrencyTests {

    @TempDir
    static Path directory;

    @Override
    protected HikariDataSource openDataSource() {
        return JdbcTestDataSources.pool(H2Durability.fileUrl(directory.resolve("mtgo").toAbsolutePath()), "sa", "", 10);
    }

}
