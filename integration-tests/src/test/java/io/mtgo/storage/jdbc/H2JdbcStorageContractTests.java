package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite on the JDBC backend over H2.
 */
class H2JdbcStorageContractTests extends AbstractJdbcStorageContractTests {

    @TempDir
    static Path directory;

    @Override
    protected DataSource openDataSource() {
        return JdbcTestDataSources.h2(directory);
    }

}
