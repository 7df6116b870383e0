package io.mtgo.storage.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A PostgreSQL cluster of the test's own, made with {@code initdb} and driven by {@code pg_ctl};
 * {@link #stopHarshly()} is {@code pg_ctl stop -m immediate}, which ends every backend without a
 * checkpoint so that the restart has to recover from the WAL. PostgreSQL refuses to run as root,
 * so as root the binaries run as the {@code postgres} OS user, owner of the temporary directory.
 */
final class PrivatePostgres extends PrivateServer {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

    private static final String SERVER_USER = "postgres";

    private final Path bin;

    private final Path data;

    private boolean initialised;

    private PrivatePostgres(Path bin) throws IOException {
        super("postgres");
        this.bin = bin;
        this.data = directory().resolve("data");
        if (runningAsRoot()) {
            UserPrincipal owner = directory().getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(SERVER_USER);
            Files.setOwner(directory(), owner);
        }
    }

    /** A cluster on the highest installed PostgreSQL version; skips or fails the test when none is. */
    static PrivatePostgres create() throws IOException {
        Path pgCtl = requireExecutable("PostgreSQL (initdb and pg_ctl under " + INSTALLATIONS + "/<version>/bin)",
                highestInstalledBin().map(bin -> bin.resolve("pg_ctl")));
        return new PrivatePostgres(pgCtl.getParent());
    }

    @Override
    void start() throws IOException, InterruptedException {
        if (!this.initialised) {
            run(asServerUser(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-A", "trust", "-U",
                    SERVER_USER, "--no-sync"), "initdb.log");
            this.initialised = true;
        }
        run(asServerUser(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-l",
                directory().resolve("postgres.log").toString(), "-o",
                "-p " + port() + " -k " + directory() + " -c listen_addresses=127.0.0.1", "-w", "-t", "30", "start"),
                "pg_ctl.log");
    }

    @Override
    void stopHarshly() throws IOException, InterruptedException {
        run(asServerUser(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-m", "immediate", "stop"),
                "pg_ctl.log");
    }

    @Override
    void stopQuietly() {
        if (Files.exists(this.data.resolve("postmaster.pid"))) {
            try {
                stopHarshly();
            }
            catch (Exception ex) {
                // nothing more to do from a shutdown path; the failure is in pg_ctl.log
            }
        }
    }

    /** A pool as an application would configure it, with short timeouts. */
    HikariDataSource dataSource() {
        return FaultDataSources.pool("jdbc:postgresql://127.0.0.1:" + port() + "/postgres?connectTimeout=2&socketTimeout=10",
                SERVER_USER, "");
    }

    private List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static Optional<Path> highestInstalledBin() throws IOException {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                .filter(version -> Files.isExecutable(version.resolve("bin/initdb"))
                        && Files.isExecutable(version.resolve("bin/pg_ctl")))
                .max(Comparator.comparingDouble(version -> Double.parseDouble(version.getFileName().toString())))
                .map(version -> version.resolve("bin"));
        }
    }

}
