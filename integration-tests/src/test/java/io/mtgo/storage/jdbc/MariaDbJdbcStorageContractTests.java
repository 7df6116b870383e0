package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

/**
 * The contract suite on the JDBC backend over MariaDb.
 */
class MariaDbJdbcStorageContractTests extends AbstractJdbcStorageContractTests {

    @Override
    protected DataSource openDataSource() {
        return JdbcTestDataSources.mariadb();
    }

}
