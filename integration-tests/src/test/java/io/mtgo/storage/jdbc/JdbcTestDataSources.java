package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.test.TestServices;

/**
 * DataSources of the four databases the JDBC backend supports, as an application would configure
 * them (Hikari pools).
 */
final class JdbcTestDataSources {

    private JdbcTestDataSources() {
    }

    static HikariDataSource h2(Path directory) {
        return pool(H2Durability.fileUrl(directory.resolve("mtgo").toAbsolutePath()), "sa", "", 4);
    }

    /**
     * WAL, a busy timeout and SQLite's multi-thread mode (docs/jdbc.md): what every SQLite application
     * of this library should set.
     */
    static HikariDataSource sqlite(Path file) {
        return pool("jdbc:sqlite:" + file.toAbsolutePath() + "?journal_mode=WAL&busy_timeout=10000&open_mode=32774", null, null, 1);
    }

    static HikariDataSource postgres() {
        TestServices.Jdbc db = TestServices.postgres();
        return pool(db.url(), db.username(), db.password(), 4);
    }

    static HikariDataSource mariadb() {
        TestServices.Jdbc db = TestServices.mariadb();
        return pool(db.url(), db.username(), db.password(), 4);
    }

    static HikariDataSource pool(String url, String username, String password, int size) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        if (username != null) {
            dataSource.setUsername(username);
            dataSource.setPassword(password);
        }
        dataSource.setMaximumPoolSize(size);
        return dataSource;
    }

    /**
     * The {@code spring.datasource.*} properties of a database server, for application context runners.
     * @param url the server's URL, or another database or schema on it ({@link #otherDatabase})
     */
    static List<String> springProperties(TestServices.Jdbc db, String url) {
        return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password());
    }

    /** The URL of another database on the same server. */
    static String otherDatabase(TestServices.Jdbc db, String database) {
        return db.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }

}
