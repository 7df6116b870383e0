package io.mtgo.storage.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;

/**
 * The child JVM of the process tests: opens a {@link Storage} like an application would (Hikari
 * pool, {@link Storages#adapt}) and runs {@link Workload} operations in order, printing
 * {@code ACK <proc> <seq> <kind>;} on stdout only after each call returned. stdout carries nothing
 * else (logging goes to stderr), and no line ever holds a value, only sequence numbers.
 * <p>
 * Arguments: {@code mode url username password poolSize sessionName proc count goFile}; a
 * negative count writes until killed, a go file of {@code -} starts at once. Exits 0 after the last
 * write, 1 with the stack trace on stderr on any exception.
 */
public final class StorageWriterProcess {

    static final String READY = "READY";

    static final String ACK = "ACK ";

    private StorageWriterProcess() {
    }

    static List<String> args(Workload.Mode mode, WriterDatabase database, String sessionName, int proc, long count,
            Path goFile) {
        List<String> args = new ArrayList<>();
        args.add(mode.name());
        args.addAll(database.args());
        args.addAll(List.of(sessionName, Integer.toString(proc), Long.toString(count),
                (goFile != null) ? goFile.toAbsolutePath().toString() : "-"));
        return args;
    }

    /**
     * Counts a child's acknowledgements, checking they are exactly {@code 0..n-1} in order: the
     * writer is sequential, so anything else means lost or garbled output. A line cut short by a
     * kill lacks its {@code ;} and is not an acknowledgement.
     * @return n
     */
    static long ackCount(List<String> stdout, int proc) {
        long next = 0;
        for (String line : stdout) {
            if (line.startsWith(ACK) && line.endsWith(";")) {
                String[] parts = line.substring(ACK.length()).split(" ");
                if (Integer.parseInt(parts[0]) != proc || Long.parseLong(parts[1]) != next) {
                    throw new AssertionError("expected ack " + next + " of process " + proc + " but got: " + line);
                }
                next++;
            }
        }
        return next;
    }

    public static void main(String[] args) {
        // Unbuffered, and every line written whole: PrintStream's println writes the text and its
        // newline in two calls, between which anything else written to stdout would cut the line.
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8) {

            @Override
            public void println(String line) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                write(bytes, 0, bytes.length);
            }

        };
        System.setOut(System.err);
        try {
            run(args, acks);
        }
        catch (Throwable ex) {
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args, PrintStream acks) throws InterruptedException {
        Workload.Mode mode = Workload.Mode.valueOf(args[0]);
        WriterDatabase database = WriterDatabase.fromArgs(args, 1);
        String sessionName = args[5];
        int proc = Integer.parseInt(args[6]);
        long count = Long.parseLong(args[7]);
        Workload workload = new Workload(mode, proc, sessionName);
        try (HikariDataSource dataSource = database.open(); Storage storage = Storages.adapt(dataSource, sessionName)) {
            acks.println(READY);
            acks.flush();
            awaitGo(args[8]);
            for (long seq = 0; count < 0 || seq < count; seq++) {
                Workload.Op op = workload.op(seq);
                op.write().accept(storage);
                acks.println(ACK + proc + " " + seq + " " + op.kind() + ";");
                acks.flush();
            }
        }
    }

    private static void awaitGo(String goFile) throws InterruptedException {
        if ("-".equals(goFile)) {
            return;
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(Path.of(goFile))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go file after 120 s");
            }
            Thread.sleep(2);
        }
    }

}
