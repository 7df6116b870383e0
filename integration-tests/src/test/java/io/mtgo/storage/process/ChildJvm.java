package io.mtgo.storage.process;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test-owned child JVM on the test's own classpath, so a test can crash or race real processes
 * instead of threads: it starts the child, collects its stdout lines (acknowledgements) and stderr,
 * and kills it with SIGKILL. {@link #close()} always leaves no child behind.
 * <p>
 * The child's stdout goes to a file, read as it grows and to its end once the child has exited. A
 * pipe read while the child is killed can lose lines: when the JDK sees the process exit it drains
 * the pipe into a buffer of its own, racing the thread that reads it (a crash test once found a write
 * the child had acknowledged, but whose acknowledgement never reached the test).
 */
final class ChildJvm implements AutoCloseable {

    /** Exit value of a process killed with SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT = 137;

    private final Process process;

    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();

    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());

    private final StringBuffer stderr = new StringBuffer();

    private final Thread outReader;

    private final Thread errReader;

    private final Path stdoutFile;

    private ChildJvm(Process process, Path stdoutFile) {
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.outReader = tail(stdoutFile, process, line -> {
            this.stdout.add(line);
            this.pending.add(line);
        });
        this.errReader = pump(process.getErrorStream(), line -> this.stderr.append(line).append('\n'));
    }

    static ChildJvm start(Class<?> mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // HotSpot prints its own warnings to stdout by default: they would land among the child's acknowledgements.
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Path stdoutFile = Files.createTempFile("mtgo-child-", ".out");
        return new ChildJvm(new ProcessBuilder(command).redirectOutput(stdoutFile.toFile()).start(), stdoutFile);
    }

    /**
     * Reads a child's output file as it grows, a line at a time, until the child has exited and the
     * file is read to its end. A last line cut short by a kill is passed on as it is.
     */
    private static Thread tail(Path file, Process process, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (true) {
                    // Checked before reading: once it is gone, everything it wrote is in the file.
                    boolean exited = !process.isAlive();
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                sink.accept(line.toString(StandardCharsets.UTF_8));
                                line.reset();
                            }
                            else {
                                line.write(buffer[i]);
                            }
                        }
                    }
                    if (exited) {
                        break;
                    }
                    Thread.sleep(5);
                }
                if (line.size() > 0) {
                    sink.accept(line.toString(StandardCharsets.UTF_8));
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "child-jvm-stdout");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Thread pump(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            }
            catch (IOException ex) {
                // the child is gone; what was read is kept
            }
        }, "child-jvm-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    long pid() {
        return this.process.pid();
    }

    /**
     * Waits for a line that starts with a prefix.
     * @param prefix the line's start
     * @param timeout how long to wait
     */
    void awaitLine(String prefix, Duration timeout) throws InterruptedException {
        awaitLines(prefix, 1, Duration.ZERO, timeout);
    }

    /**
     * Waits until at least {@code count} lines starting with {@code prefix} arrived and at least
     * {@code minSpan} passed since the first of them.
     */
    void awaitLines(String prefix, int count, Duration minSpan, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = 0;
        int seen = 0;
        while (seen < count || System.nanoTime() - first < minSpan.toNanos()) {
            String line = this.pending.poll(100, TimeUnit.MILLISECONDS);
            if (line == null && (System.nanoTime() > deadline || !this.outReader.isAlive())) {
                this.errReader.join(2_000);
                throw new AssertionError("child " + pid() + " gave " + seen + " of " + count + " '" + prefix + "' lines in "
                        + timeout + " (alive=" + this.process.isAlive() + "); stderr:\n" + stderrTail());
            }
            if (line != null && line.startsWith(prefix)) {
                first = (seen == 0) ? System.nanoTime() : first;
                seen++;
            }
        }
    }

    /**
     * Kills the child with SIGKILL, waits for it and for the end of its output.
     * @return the exit value ({@link #SIGKILL_EXIT} when the signal killed it)
     */
    int kill() throws InterruptedException {
        this.process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Waits for the child to exit and its output to be read to the end.
     * @return the exit value
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " still running after " + timeout + "; stderr:\n" + stderrTail());
        }
        this.outReader.join(10_000);
        this.errReader.join(10_000);
        return this.process.exitValue();
    }

    List<String> stdout() {
        synchronized (this.stdout) {
            return List.copyOf(this.stdout);
        }
    }

    String stderr() {
        return this.stderr.toString();
    }

    /** The end of stderr, where a stack trace is, for failure messages. */
    String stderrTail() {
        String all = stderr();
        return (all.length() > 8_000) ? all.substring(all.length() - 8_000) : all;
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            this.process.destroyForcibly();
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
        this.outReader.join(10_000);
        try {
            Files.deleteIfExists(this.stdoutFile);
        }
        catch (IOException ex) {
            // a temp file left behind; nothing to fail the test for
        }
    }

}
