package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageCopyTests;
import org.jspecify.annotations.Nullable;

/**
 * {@link StorageCopyTests} on the JDBC store: tables a copy may list entirely, in a database file or
 * schema of the test class's own.
 */
abstract class AbstractJdbcStorageCopyTests extends StorageCopyTests {

    /**
     * @return a database with the library's schema applied, used by this class alone
     */
    protected abstract DataSource dataSource();

    /**
     * @return the schema holding the tables, or {@code null} for the connection's default
     */
    protected @Nullable String schema() {
        return null;
    }

    @Override
    protected Storage createStorage(String sessionName) {
        return JdbcStorage.builder(dataSource()).sessionName(sessionName).schema(schema()).build();
    }

}
