package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements are re-used through the driver's per-connection cache, in and outside the
 * application's transaction, and nothing leaks: every connection goes back to the pool, and the
 * server holds a bounded set of prepared statements however many calls were made. One pooled
 * connection, so every call meets the same cache.
 */
class JdbcStatementReuseTests {

    private static final int ROUNDS = 60;

    /**
     * PostgreSQL on one connection, in a schema of the test's own (the size of the shared table is
     * anybody's): while {@code mtgo_peers} is small the key lookups are planned per execution (a
     * generic plan made then would be a sequential scan kept as the table grows) and only the
     * upserts are server-prepared; once it is large, within the size check's interval, the key
     * lookups run server-side prepared too, under new statement text whose generic plans were all
     * made on the large table: the store's calls then scan the table not once. Nothing leaks: the
     * connection goes back to the pool and the server holds a bounded set of statements.
     */
    @Test
    void postgresServerPreparesKeyLookupsOnlyOnceTheTableIsLargeAndNeverScansIt() throws InterruptedException {
        TestServices.Jdbc db = TestServices.postgres();
        String schema = "mtgo_statement_reuse";
        try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
            new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1);
                HikariDataSource dataSource = JdbcTestDataSources.pool(url, db.username(), db.password(), 1)) {
            JdbcSchema.apply(dataSource);
            Storage storage = JdbcStorage.builder(dataSource).sessionName("statement-reuse-pg").schema(schema).build();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("ANALYZE mtgo_peers");

            work(storage, dataSource, ROUNDS);
            List<Map<String, Object>> prepared = preparedStatements(jdbc);
            assertThat(prepared).filteredOn(row -> row.get("statement").toString().contains("INSERT INTO " + schema + ".mtgo_peers"))
                .isNotEmpty()
                .anySatisfy(row -> assertThat((Long) row.get("executions")).isGreaterThanOrEqualTo(ROUNDS));
            assertThat(prepared).as("key lookups on the small table are planned per execution, never server-prepared")
                .noneMatch(row -> row.get("statement").toString().contains("WHERE session_name = $1 AND"));

            List<Peer> filler = new ArrayList<>();
            for (int i = 0; i < 6_000; i++) {
                filler.add(Peer.builder(1_000_000 + i, PeerType.USER).accessHash(i).username("filler_" + i).firstName("Filler " + i).build());
            }
            storage.forSession("statement-reuse-filler").savePeers(filler);
            Thread.sleep(PostgresJdbcStorageDialect.CHECK_INTERVAL_MS + 200);
            storage.loadPeer(PeerType.USER, 1);
            long scansBefore = sequentialScans(admin, schema);
            work(storage, dataSource, ROUNDS);
            assertThat(sequentialScans(admin, schema) - scansBefore).as("sequential scans of mtgo_peers once it is large").isZero();
            prepared = preparedStatements(jdbc);
            assertThat(prepared).as("key lookups server-prepared, under a plan generation's text")
                .filteredOn(row -> row.get("statement").toString().contains("WHERE session_name = $1 AND peer_type = $2 AND peer_id = $3"))
                .filteredOn(row -> row.get("statement").toString().contains("/* mtgo plans "))
                .isNotEmpty()
                .anySatisfy(row -> assertThat((Long) row.get("generic")).isGreaterThan(0));
            assertThat(prepared).as("server-side prepared statements on the connection").hasSizeLessThanOrEqualTo(30);
            assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).as("connections in use").isZero();
        }
        finally {
            try (HikariDataSource admin = JdbcTestDataSources.pool(db.url(), db.username(), db.password(), 1)) {
                new JdbcTemplate(admin).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static List<Map<String, Object>> preparedStatements(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT statement, generic_plans + custom_plans AS executions, generic_plans AS generic "
                + "FROM pg_prepared_statements");
    }

    /** Read from another connection once the store's has reported its statistics (at most a second after it went idle). */
    private static long sequentialScans(HikariDataSource admin, String schema) throws InterruptedException {
        Thread.sleep(1_500);
        Long scans = new JdbcTemplate(admin).queryForObject(
                "SELECT seq_scan FROM pg_stat_user_tables WHERE schemaname = ? AND relname = 'mtgo_peers'", Long.class, schema);
        return (scans != null) ? scans : 0;
    }

    /**
     * MariaDB with the driver's defaults ({@code useServerPrepStmts=false}): the store still
     * prepares each statement once per connection on the server, through the driver's cache, and
     * then only executes it; with the application's {@code useServerPrepStmts=true} too.
     */
    @Test
    void mariaDbPreparesEachStatementOnceOnTheServerWhateverTheDriverOptions() {
        TestServices.Jdbc db = TestServices.mariadb();
        for (String url : List.of(db.url(), db.url() + (db.url().contains("?") ? "&" : "?") + "useServerPrepStmts=true")) {
            try (HikariDataSource dataSource = JdbcTestDataSources.pool(url, db.username(), db.password(), 1);
                    Storage storage = Storages.adapt(dataSource, "statement-reuse-maria")) {
                work(storage, dataSource, 2);
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                long preparesBefore = sessionStatus(jdbc, "Com_stmt_prepare");
                long executionsBefore = sessionStatus(jdbc, "Com_stmt_execute");
                work(storage, dataSource, ROUNDS);
                assertThat(sessionStatus(jdbc, "Com_stmt_execute") - executionsBefore).as("statements executed")
                    .isGreaterThanOrEqualTo(ROUNDS * 10L);
                assertThat(sessionStatus(jdbc, "Com_stmt_prepare") - preparesBefore).as("statements prepared again").isZero();
                assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).as("connections in use").isZero();
                storage.deleteSession("statement-reuse-maria");
            }
        }
    }

    /**
     * SQLite statements are kept per physical connection (the driver has no cache of its own): they
     * must work across the application's transactions and rollbacks, and a connection the pool
     * replaces must take its statements with it rather than leave the store holding closed ones.
     */
    @Test
    void sqliteKeepsStatementsPerConnectionAcrossTransactionsAndReplacedConnections(@TempDir Path directory) {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(directory.resolve("reuse.sqlite"));
                Storage storage = Storages.adapt(dataSource, "statement-reuse-sqlite")) {
            work(storage, dataSource, 10);
            dataSource.getHikariPoolMXBean().softEvictConnections();
            work(storage, dataSource, 10);
            TransactionTemplate applicationTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            applicationTransaction.executeWithoutResult(status -> {
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(-1).username("rolled_back").build());
                assertThat(storage.loadPeerByUsername("rolled_back")).isPresent();
                status.setRollbackOnly();
            });
            assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(9L);
            assertThat(storage.loadPeerByUsername("rolled_back")).isEmpty();
            dataSource.getHikariPoolMXBean().softEvictConnections();
            work(storage, dataSource, 4);
            assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).as("connections in use").isZero();
        }
    }

    /** Every kind of call, half of the rounds inside a transaction of the application's. */
    private static void work(Storage storage, HikariDataSource dataSource, int rounds) {
        TransactionTemplate applicationTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int round = 0; round < rounds; round++) {
            int r = round;
            Runnable calls = () -> {
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(r).username("reuse_" + (r % 3)).build());
                storage.savePeer(Peer.builder(2, PeerType.CHANNEL).accessHash(r).build());
                List<Peer> batch = new ArrayList<>();
                for (int i = 10; i < 15; i++) {
                    batch.add(Peer.builder(i, PeerType.USER).accessHash(r).username("batch_" + i).build());
                }
                storage.savePeers(batch);
                assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains((long) r);
                assertThat(storage.loadPeerByUsername("batch_12")).map(Peer::id).contains(12L);
                storage.setUpdateState(2, new byte[] { (byte) r });
                assertThat(storage.getUpdateState(2)).isPresent();
                storage.saveSession(Session.builder(storage.sessionName()).dcId(2).date(r).build());
                assertThat(storage.loadSession(storage.sessionName())).isPresent();
                storage.deletePeer(PeerType.CHANNEL, 2);
            };
            if (round % 2 == 0) {
                applicationTransaction.executeWithoutResult(status -> calls.run());
            }
            else {
                calls.run();
            }
        }
    }

    private static long sessionStatus(JdbcTemplate jdbc, String variable) {
        return jdbc.query("SHOW SESSION STATUS LIKE '" + variable + "'", rows -> {
            rows.next();
            return rows.getLong(2);
        });
    }

}
