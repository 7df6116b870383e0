package io.mtgo.storage.jpa;

import javax.sql.DataSource;

/**
 * The contract suite on the JPA backend over MariaDb.
 */
class MariaDbJpaStorageContractTests extends AbstractJpaStorageContractTests {

    @Override
    protected DataSource openDataSource() {
        return JpaTestDataSources.mariadb();
    }

}
