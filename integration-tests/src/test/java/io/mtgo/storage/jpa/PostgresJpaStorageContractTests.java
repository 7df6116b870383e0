package io.mtgo.storage.jpa;

import javax.sql.DataSource;

/**
 * The contract suite on the JPA backend over Postgres.
 */
class PostgresJpaStorageContractTests extends AbstractJpaStorageContractTests {

    @Override
    protected DataSource openDataSource() {
        return JpaTestDataSources.postgres();
    }

}
