package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.StorageConcurrencyTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The load test on one database, through a pool the size of Hikari's default so the eight threads
 * really write in parallel (SQLite keeps its single connection: one writer at a time is SQLite's
 * own rule).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcStorageConcurrencyTests extends StorageConcurrencyTests {

    private HikariDataSource dataSource;

    /** Opens the database; called once per class. */
    protected abstract HikariDataSource openDataSource();

    @Override
    protected Storage createStorage(String sessionName) {
        if (this.dataSource == null) {
            this.dataSource = openDataSource();
        }
        return Storages.adapt(this.dataSource, sessionName);
    }

    @AfterAll
    void closeDataSource() {
        if (this.dataSource != null) {
            this.dataSource.close();
        }
    }

}
