package io.mtgo.storage.process;

import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.jdbc.H2Durability;
import io.mtgo.storage.test.TestServices;

/**
 * Where a writer process and its parent test meet: one JDBC database, described as plain strings so
 * it can be passed to a child JVM on the command line and opened the same way on both sides.
 * @param url the JDBC URL
 * @param username the user, empty for none
 * @param password the password, empty for none
 * @param poolSize the Hikari pool size
 */
record WriterDatabase(String url, String username, String password, int poolSize) {

    /** An H2 file database in a directory. */
    static WriterDatabase h2(Path directory) {
        return new WriterDatabase(H2Durability.fileUrl(directory.resolve("mtgo").toAbsolutePath()), "sa", "", 4);
    }

    /**
     * A SQLite file with WAL, a busy timeout and SQLite's multi-thread mode, one connection per
     * process, as applications should set it (docs/jdbc.md).
     */
    static WriterDatabase sqlite(Path file) {
        return new WriterDatabase("jdbc:sqlite:" + file.toAbsolutePath() + "?journal_mode=WAL&busy_timeout=10000&open_mode=32774", "", "",
                1);
    }

    /** The shared PostgreSQL test database; skips or fails as {@link TestServices} decides. */
    static WriterDatabase postgres() {
        TestServices.Jdbc db = TestServices.postgres();
        return new WriterDatabase(db.url(), db.username(), db.password(), 4);
    }

    static WriterDatabase fromArgs(String[] args, int from) {
        return new WriterDatabase(args[from], args[from + 1], args[from + 2], Integer.parseInt(args[from + 3]));
    }

    List<String> args() {
        return List.of(this.url, this.username, this.password, Integer.toString(this.poolSize));
    }

    HikariDataSource open() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(this.url);
        if (!this.username.isEmpty()) {
            dataSource.setUsername(this.username);
            dataSource.setPassword(this.password);
        }
        dataSource.setMaximumPoolSize(this.poolSize);
        return dataSource;
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "WriterDatabase{url=" + this.url + ", poolSize=" + this.poolSize + "}";
    }

}
