package io.mtgo.storage.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A MariaDB server of the test's own, a child process on a data directory made with
 * {@code mariadb-install-db}; {@link #stopHarshly()} is SIGKILL, so the restart goes through InnoDB
 * crash recovery. Root may log in over TCP without a password; the tests use database
 * {@code test}.
 */
final class PrivateMariaDb extends ChildProcessServer {

    private final Path server;

    private final Path installer;

    private final Path data;

    private boolean initialised;

    private PrivateMariaDb(Path server, Path installer) {
        super("mariadb");
        this.server = server;
        this.installer = installer;
        this.data = directory().resolve("data");
    }

    /** A server on the installed {@code mariadbd}; skips or fails the test when there is none. */
    static PrivateMariaDb create() {
        Path server = requireExecutable("MariaDB (mariadbd)", findExecutable("mariadbd", "/usr/sbin", "/usr/bin"));
        Path installer = requireExecutable("MariaDB (mariadb-install-db)",
                findExecutable("mariadb-install-db", "/usr/bin", "/usr/sbin"));
        return new PrivateMariaDb(server, installer);
    }

    @Override
    synchronized void start() throws IOException, InterruptedException, SQLException {
        if (!this.initialised) {
            List<String> install = new ArrayList<>(List.of(this.installer.toString(), "--no-defaults",
                    "--datadir=" + this.data, "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--skip-name-resolve"));
            addRunAsRoot(install);
            run(install, "install.log");
        }
        List<String> command = new ArrayList<>(List.of(this.server.toString(), "--no-defaults", "--datadir=" + this.data,
                "--port=" + port(), "--bind-address=127.0.0.1", "--socket=" + directory().resolve("mariadb.sock"),
                "--pid-file=" + directory().resolve("mariadbd.pid"), "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=1"));
        addRunAsRoot(command);
        launch(command, this::acceptsRoot);
        if (!this.initialised) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE test");
            }
            this.initialised = true;
        }
    }

    /** A pool as an application would configure it, with short timeouts. */
    HikariDataSource dataSource() {
        return FaultDataSources.pool(
                "jdbc:mariadb://127.0.0.1:" + port() + "/test?connectTimeout=2000&socketTimeout=10000", "root", "");
    }

    /**
     * Loads one time zone of the machine's zoneinfo into the server's time zone tables, so that a
     * session can {@code SET time_zone} to it (a fresh data directory has none).
     * @param zone for example {@code Europe/Berlin}
     */
    void loadTimeZone(String zone) throws IOException, InterruptedException, SQLException {
        Path converter = requireExecutable("MariaDB (mariadb-tzinfo-to-sql)", findExecutable("mariadb-tzinfo-to-sql", "/usr/bin", "/usr/sbin"));
        Process process = new ProcessBuilder(converter.toString(), "/usr/share/zoneinfo/" + zone, zone).redirectErrorStream(true).start();
        String sql = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("mariadb-tzinfo-to-sql failed: " + sql);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port() + "/mysql?allowMultiQueries=true",
                "root", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private boolean acceptsRoot() throws SQLException {
        try (Connection connection = connect()) {
            return connection.isValid(2);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port() + "/?connectTimeout=2000", "root", "");
    }

    private static void addRunAsRoot(List<String> command) {
        if (runningAsRoot()) {
            command.add("--user=root");
        }
    }

}
