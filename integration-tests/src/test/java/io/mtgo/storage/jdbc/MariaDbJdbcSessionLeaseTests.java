package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The lease contract on MariaDB, with the expiry checked against the server's clock.
 */
class MariaDbJdbcSessionLeaseTests extends AbstractJdbcSessionLeaseTests {

    @Override
    protected HikariDataSource openDataSource() {
        return JdbcTestDataSources.mariadb();
    }

    @Override
    protected String nowQuery() {
        return "SELECT CAST(FLOOR(UNIX_TIMESTAMP(NOW(3)) * 1000) AS SIGNED)";
    }

}
