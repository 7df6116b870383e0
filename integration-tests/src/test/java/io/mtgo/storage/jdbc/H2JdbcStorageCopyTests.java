package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copying out of and into the JDBC store on an H2 file of its own.
 */
class H2JdbcStorageCopyTests extends AbstractJdbcStorageCopyTests {

    @TempDir
    static Path directory;

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = JdbcTestDataSources.h2(directory);
        JdbcSchema.apply(dataSource);
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

}
