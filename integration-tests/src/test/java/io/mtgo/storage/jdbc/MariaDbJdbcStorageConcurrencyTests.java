package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;

/**
 * Eight threads of mixed writes on the JDBC backend over MariaDb.
 */
class MariaDbJdbcStorageConcurrencyTests extends AbstractJdbcStorageConcurrencyTests {

    @Override
    protected HikariDataSource openDataSource() {
        TestServices.Jdbc db = TestServices.mariadb();
        return JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 10);
    }

}
