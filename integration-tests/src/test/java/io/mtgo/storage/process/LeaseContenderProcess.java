package io.mtgo.storage.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.jdbc.JdbcSessionLeases;

/**
 * A child JVM that contends for one session's lease, round after round. Whenever it holds the
 * lease it creates a marker file that must not exist (two holders at once would collide on it on
 * this machine's file system), keeps it briefly, deletes it and releases the lease. It prints
 * {@code TOKEN <token>;} per acquisition and {@code OVERLAP <detail>;} when the marker was already
 * there or a release found the lease taken.
 * <p>
 * With a negative {@code rounds} it holds the lease instead ({@link #HOLD_TTL}, renewed every
 * third), printing {@code HELD <token>;}, until it is killed.
 * <p>
 * Arguments: {@code url username password poolSize sessionName owner rounds markerFile goFile}.
 */
public final class LeaseContenderProcess {

    static final String TOKEN = "TOKEN ";

    static final String OVERLAP = "OVERLAP ";

    private static final Duration TTL = Duration.ofSeconds(20);

    /** TTL of the hold mode, short so that the test waits little after the kill. */
    static final Duration HOLD_TTL = Duration.ofMillis(1500);

    static final String HELD = "HELD ";

    private LeaseContenderProcess() {
    }

    static List<String> args(WriterDatabase database, String sessionName, String owner, int rounds, Path marker, Path goFile) {
        List<String> args = new java.util.ArrayList<>(database.args());
        args.addAll(List.of(sessionName, owner, Integer.toString(rounds), marker.toString(), goFile.toString()));
        return args;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try {
            run(args, out);
        }
        catch (Throwable ex) {
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Takes the lease with a short TTL and renews it every third of it until the process dies. */
    private static void holdUntilKilled(SessionLeases leases, String session, String owner, PrintStream out) throws InterruptedException {
        SessionLease lease = leases.acquire(session, owner, HOLD_TTL, Duration.ofSeconds(30)).orElseThrow();
        out.println(HELD + lease.token() + ";");
        out.flush();
        while (true) {
            Thread.sleep(HOLD_TTL.toMillis() / 3);
            lease = leases.renew(lease, HOLD_TTL).orElseThrow(() -> new IllegalStateException("lost the lease"));
        }
    }

    private static void run(String[] args, PrintStream out) throws Exception {
        WriterDatabase database = WriterDatabase.fromArgs(args, 0);
        String session = args[4];
        String owner = args[5];
        int rounds = Integer.parseInt(args[6]);
        Path marker = Path.of(args[7]);
        Path go = Path.of(args[8]);
        try (HikariDataSource dataSource = database.open()) {
            // the parent applied the schema; no Liquibase run in every child
            SessionLeases leases = new JdbcSessionLeases(dataSource);
            if (rounds < 0) {
                holdUntilKilled(leases, session, owner, out);
                return;
            }
            out.println(StorageWriterProcess.READY);
            out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(2);
            }
            for (int round = 0; round < rounds; round++) {
                Optional<SessionLease> lease = leases.tryAcquire(session, owner, TTL);
                if (lease.isEmpty()) {
                    continue;
                }
                out.println(TOKEN + lease.get().token() + ";");
                try {
                    Files.createFile(marker);
                }
                catch (FileAlreadyExistsException ex) {
                    out.println(OVERLAP + owner + " found the marker with token " + lease.get().token() + ";");
                }
                Thread.sleep(2);
                Files.deleteIfExists(marker);
                if (!leases.release(lease.get())) {
                    out.println(OVERLAP + owner + " could not release token " + lease.get().token() + ";");
                }
                out.flush();
                // give the other process a chance: both must win some rounds for the test to mean anything
                Thread.sleep(1);
            }
        }
    }

}
