package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite on the JDBC backend over Sqlite.
 */
class SqliteJdbcStorageContractTests extends AbstractJdbcStorageContractTests {

    @TempDir
    static Path directory;

    @Override
    protected DataSource openDataSource() {
        return JdbcTestDataSources.sqlite(directory.resolve("mtgo.sqlite"));
    }

}
