package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import liquibase.integration.spring.SpringLiquibase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite on PostgreSQL tables partitioned by hash of {@code session_name}, created by
 * the changelog this test ships ({@code partitioned-postgres-changelog.yaml}, the example of
 * {@code docs/jdbc.md}) in a schema of their own, {@value #SCHEMA}. The storage is built on a pool
 * whose connections keep the default search path and finds the tables through the builder's
 * {@code schema} option alone.
 */
class PostgresPartitionedJdbcStorageContractTests extends AbstractJdbcStorageContractTests {

    private static final String SCHEMA = "mtgo_partitioned";

    private static final String CHANGELOG = "classpath:/io/mtgo/storage/jdbc/partitioned-postgres-changelog.yaml";

    @Override
    protected DataSource openDataSource() {
        TestServices.Jdbc db = TestServices.postgres();
        try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + SCHEMA);
            SpringLiquibase liquibase = new SpringLiquibase();
            liquibase.setDataSource(admin);
            liquibase.setDefaultSchema(SCHEMA);
            liquibase.setChangeLog(CHANGELOG);
            liquibase.setResourceLoader(new DefaultResourceLoader(getClass().getClassLoader()));
            new JdbcTemplate(admin).execute("SET search_path TO " + SCHEMA);
            liquibase.afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not create the partitioned schema", ex);
        }
        return JdbcTestDataSources.postgres();
    }

    @Override
    protected Storage openStorage(DataSource dataSource) {
        return JdbcStorage.builder(dataSource).sessionName("contract-root").schema(SCHEMA).build();
    }

    @Test
    void everyTableIsPartitionedByHashOfSessionName() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        assertThat(jdbc.queryForList("""
                SELECT c.relname
                FROM pg_partitioned_table p
                JOIN pg_class c ON c.oid = p.partrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND p.partstrat = 'h'
                """, String.class, SCHEMA)).containsExactlyInAnyOrder("mtgo_sessions", "mtgo_peers", "mtgo_kv", "mtgo_conversations");
        Storage storage = createStorage("spread-0");
        for (int i = 0; i < 16; i++) {
            storage.forSession("spread-" + i).savePeer(Peer.builder(1, PeerType.USER).accessHash(i).build());
        }
        Integer partitions = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT tableoid) FROM " + SCHEMA + ".mtgo_peers WHERE session_name LIKE 'spread-%'", Integer.class);
        assertThat(partitions).as("partitions holding the 16 sessions' peers").isGreaterThan(1);
    }

}
