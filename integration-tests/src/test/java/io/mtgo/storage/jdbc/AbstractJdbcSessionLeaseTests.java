package io.mtgo.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.SessionLeaseContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lease contract on one database, with the expiry checked against the database's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcSessionLeaseTests extends SessionLeaseContractTests {

    private HikariDataSource dataSource;

    /** Opens the database; called once per class. */
    protected abstract HikariDataSource openDataSource();

    /** A query of the database's current time in epoch milliseconds. */
    protected abstract String nowQuery();

    @Override
    protected Storage createStorage(String sessionName) {
        if (this.dataSource == null) {
            this.dataSource = openDataSource();
        }
        return Storages.adapt(this.dataSource, sessionName);
    }

    @Override
    protected long storeNow() {
        return new JdbcTemplate(this.dataSource).queryForObject(nowQuery(), Long.class);
    }

    @AfterAll
    void closeDataSource() {
        if (this.dataSource != null) {
            this.dataSource.close();
        }
    }

}
