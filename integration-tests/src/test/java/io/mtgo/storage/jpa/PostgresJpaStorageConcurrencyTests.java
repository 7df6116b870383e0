package io.mtgo.storage.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;

/**
 * Eight threads of mixed writes on the JPA backend over Postgres.
 */
class PostgresJpaStorageConcurrencyTests extends AbstractJpaStorageConcurrencyTests {

    @Override
    protected HikariDataSource openDataSource() {
        TestServices.Jdbc db = TestServices.postgres();
        return JpaTestDataSources.pool(db.url(), db.username(), db.password(), 10);
    }

}
