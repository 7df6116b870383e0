package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The peers' table as the changelog leaves it, where it decides what a write or a read costs: no
 * phone index on any database (no statement looks peers up by phone), and on SQLite rows kept in
 * the order peers were first saved, their key in an index of its own, session and type as
 * numbers, a username key generated from the username rather than stored, and a username index
 * without the peers that have no username, which the store's lookups still use.
 */
class JdbcPeerTableLayoutTests {

    @TempDir
    Path directory;

    @Test
    void sqliteKeepsPeersInArrivalOrderAndOnlyNamedPeersInTheUsernameIndex() throws SQLException {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("layout.sqlite"))) {
            JdbcSchema.apply(dataSource);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'mtgo_peers'", String.class))
                .contains("PRIMARY KEY (session_number, peer_type, peer_id)").contains("peer_type INTEGER").doesNotContain("WITHOUT ROWID");
            assertThat(jdbc.queryForObject("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'mtgo_peers_username_uk'",
                    String.class)).contains("UNIQUE").endsWith("WHERE username_key IS NOT NULL");
            JdbcStatements statements;
            try (Connection connection = dataSource.getConnection()) {
                statements = new JdbcStatements(JdbcStorageDialect.of(connection.getMetaData()), null);
            }
            assertThat(plan(dataSource, statements.loadPeer, 3)).singleElement().asString()
                .contains("USING INDEX sqlite_autoindex_mtgo_peers_1 (session_number=? AND peer_type=? AND peer_id=?)");
            assertThat(plan(dataSource, statements.loadPeerByUsername, 2)).singleElement().asString()
                .contains("USING INDEX mtgo_peers_username_uk");
            assertThat(plan(dataSource, statements.freeUsername, 4)).singleElement().asString()
                .contains("USING INDEX mtgo_peers_username_uk");
            assertThat(plan(dataSource, statements.peerPage, 4)).singleElement().asString()
                .contains("USING INDEX sqlite_autoindex_mtgo_peers_1 (session_number=? AND peer_type=? AND peer_id>?)");
            assertThat(plan(dataSource, Objects.requireNonNull(statements.updatePeerInPlace), 14)).singleElement().asString()
                .contains("USING INDEX sqlite_autoindex_mtgo_peers_1 (session_number=? AND peer_type=? AND peer_id=?)");
            assertThat(jdbc.queryForObject("SELECT hidden FROM pragma_table_xinfo('mtgo_peers') WHERE name = 'username_key'", Integer.class))
                .as("username_key is generated from username and not stored in the row (a virtual column)").isEqualTo(2);
        }
    }

    /**
     * A page deep into a large session is an index range on PostgreSQL too: the whole key is the
     * index condition, nothing before the cursor is read and filtered out. (Sequential scans are off
     * for the look, so that the small test table shows what the index can do.)
     */
    @Test
    void postgresPagesThroughPeersOnTheWholeKey() throws SQLException {
        try (HikariDataSource dataSource = JdbcTestDataSources.postgres(); Connection connection = dataSource.getConnection()) {
            JdbcSchema.apply(dataSource);
            String page = new JdbcStatements(JdbcStorageDialect.of(connection.getMetaData()), null).peerPage;
            List<String> plan = new ArrayList<>();
            try (java.sql.Statement settings = connection.createStatement()) {
                settings.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + page)) {
                explain.setString(1, "paging");
                explain.setString(2, "USER");
                explain.setLong(3, 500_000);
                explain.setInt(4, 1000);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1).trim());
                    }
                }
            }
            finally {
                try (java.sql.Statement settings = connection.createStatement()) {
                    settings.execute("RESET enable_seqscan");
                }
            }
            assertThat(plan).anySatisfy(step -> assertThat(step).startsWith("Index Cond:").contains("peer_id >"))
                .noneSatisfy(step -> assertThat(step).startsWith("Filter:"));
        }
    }

    /**
     * Peers saved together lie together, and stay where they are when saved again (an upsert that
     * deleted and re-inserted would move them to the end): re-saving a group changes few pages.
     */
    @Test
    void sqliteRowsStayInTheOrderPeersWereFirstSaved() throws SQLException {
        try (HikariDataSource dataSource = JdbcTestDataSources.sqlite(this.directory.resolve("order.sqlite"))) {
            JdbcSchema.apply(dataSource);
            Storage storage = JdbcStorage.builder(dataSource).sessionName("order").build();
            storage.savePeers(List.of(user(300, 1, "carol"), user(100, 1, null), user(200, 1, "bobby")));
            storage.savePeer(Peer.builder(50, PeerType.CHANNEL).accessHash(1).build());
            storage.savePeers(List.of(user(100, 2, "alice_a"), user(300, 2, "Carol")));
            storage.savePeer(user(200, 2, "CAROL"));
            List<Long> inRowOrder = new JdbcTemplate(dataSource).queryForList("SELECT peer_id FROM mtgo_peers ORDER BY rowid", Long.class);
            assertThat(inRowOrder).containsExactly(300L, 100L, 200L, 50L);
            assertThat(storage.loadPeer(100)).map(Peer::username).contains("alice_a");
            assertThat(storage.loadPeer(300)).map(Peer::username).isEmpty();
        }
    }

    private static Peer user(long id, long accessHash, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(accessHash).username(username).build();
    }

    @Test
    void noDatabaseKeepsAPhoneIndex() throws SQLException {
        List<HikariDataSource> databases = List.of(JdbcTestDataSources.h2(this.directory), JdbcTestDataSources.sqlite(
                this.directory.resolve("phone.sqlite")), JdbcTestDataSources.postgres(), JdbcTestDataSources.mariadb());
        try {
            for (HikariDataSource dataSource : databases) {
                JdbcSchema.apply(dataSource);
                assertThat(indexesOfPeers(dataSource)).as(dataSource.getJdbcUrl()).contains("mtgo_peers_username_uk")
                    .doesNotContain("mtgo_peers_phone_idx");
            }
        }
        finally {
            databases.forEach(HikariDataSource::close);
        }
    }

    private static List<String> plan(HikariDataSource dataSource, String sql, int parameters) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= parameters; i++) {
                explain.setString(i, "x");
            }
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        return steps;
    }

    /** Index names of the connection's own {@code mtgo_peers}, lower case. */
    private static List<String> indexesOfPeers(HikariDataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            String table = connection.getMetaData().storesUpperCaseIdentifiers() ? "MTGO_PEERS" : "mtgo_peers";
            try (ResultSet rows = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false, false)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    if (name != null) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

}
