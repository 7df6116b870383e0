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
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;

/**
 * A child JVM that contends for one session's lease, round after round. Whenever it holds the
 * lease it creates a marker file that must not exist (two holders at once would collide on it on
 * this machine's file system), keeps it briefly, deletes it and releases the lease. It prints
 * {@code TOKEN <token>;} per acquisition and {@code OVERLAP <detail>;} when the marker was already
 * there or a release found the lease taken.
 * <p>
 * Arguments: {@code url username password poolSize sessionName owner rounds markerFile goFile}.
 */
public final class LeaseContenderProcess {

    static final String TOKEN = "TOKEN ";

    static final String OVERLAP = "OVERLAP ";

    private static final Duration TTL = Duration.ofSeconds(20);

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

    private static void run(String[] args, PrintStream out) throws Exception {
        WriterDatabase database = WriterDatabase.fromArgs(args, 0);
        String session = args[4];
        String owner = args[5];
        int rounds = Integer.parseInt(args[6]);
        Path marker = Path.of(args[7]);
        Path go = Path.of(args[8]);
        try (HikariDataSource dataSource = database.open(); Storage storage = Storages.adapt(dataSource, session)) {
            SessionLeases leases = storage.leases();
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
            }
        }
    }

}
