package io.mtgo.storage.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;

/**
 * Eight threads of mixed writes on the JPA backend over MariaDb.
 */
class MariaDbJpaStorageConcurrencyTests extends AbstractJpaStorageConcurrencyTests {

    @Override
    protected HikariDataSource openDataSource() {
        TestServices.Jdbc db = TestServices.mariadb();
        return JpaTestDataSources.pool(db.url(), db.username(), db.password(), 10);
    }

}
