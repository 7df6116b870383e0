package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;

/**
 * Eight threads of mixed writes on the JDBC backend over Postgres.
 */
class PostgresJdbcStorageConcurrencyTests extends AbstractJdbcStorageConcurrencyTests {

    @Override
    protected HikariDataSource openDataSource() {
        TestServices.Jdbc db = TestServices.postgres();
        return JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 10);
    }

}
