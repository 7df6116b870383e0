package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The lease contract on PostgreSQL, with the expiry checked against the server's clock.
 */
class PostgresJdbcSessionLeaseTests extends AbstractJdbcSessionLeaseTests {

    @Override
    protected HikariDataSource openDataSource() {
        return JdbcTestDataSources.postgres();
    }

    @Override
    protected String nowQuery() {
        return "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM CLOCK_TIMESTAMP()) * 1000) AS BIGINT)";
    }

}
