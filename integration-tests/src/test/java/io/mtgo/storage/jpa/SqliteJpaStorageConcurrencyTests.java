package io.mtgo.storage.jpa;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads of mixed writes on the JPA backend over Sqlite.
 */
class SqliteJpaStorageConcurrencyTests extends AbstractJpaStorageConcurrencyTests {

    @TempDir
    static Path directory;

    @Override
    protected HikariDataSource openDataSource() {
        return JpaTestDataSources.sqlite(directory.resolve("mtgo.sqlite"));
    }

}
