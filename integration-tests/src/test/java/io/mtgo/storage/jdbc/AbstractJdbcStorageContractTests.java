package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract suite on one database: the storage (and by default the library's schema) is built
 * once per class through {@link Storages#adapt}, and each test works in its own sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcStorageContractTests extends StorageContractTests {

    private DataSource dataSource;

    private Storage root;

    /** Opens the database; called once per class. */
    protected abstract DataSource openDataSource();

    @Override
    protected Storage createStorage(String sessionName) {
        if (this.root == null) {
            this.dataSource = openDataSource();
            this.root = openStorage(this.dataSource);
        }
        return this.root.forSession(sessionName);
    }

    /** Builds the storage the tests' sessions are views of: by default with the library's schema applied. */
    protected Storage openStorage(DataSource dataSource) {
        return Storages.adapt(dataSource, "contract-root");
    }

    protected final DataSource dataSource() {
        createStorage("contract-root");
        return this.dataSource;
    }

    @AfterAll
    void closeStorage() {
        if (this.root != null) {
            this.root.close();
            JdbcTestDataSources.close(this.dataSource);
        }
    }

}
