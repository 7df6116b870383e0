package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copying out of and into the JDBC store on PostgreSQL, in a schema of its own so that a copy lists
 * only what this class wrote.
 */
class PostgresJdbcStorageCopyTests extends AbstractJdbcStorageCopyTests {

    private static final String SCHEMA = "mtgo_copy";

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = JdbcTestDataSources.postgres();
        new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        JdbcSchema.apply(dataSource, JdbcSchema.CHANGELOG, SCHEMA);
    }

    @AfterAll
    static void closeDatabase() {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return SCHEMA;
    }

}
