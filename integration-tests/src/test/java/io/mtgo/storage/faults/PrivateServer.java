package io.mtgo.storage.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A server of the test's own, on a spare loopback port and in a temporary directory, so that a
 * fault test can kill it harshly without ever touching the machine's shared PostgreSQL, MariaDB or
 * Redis. It can be started again on the same port and data directory, which is what lets a test
 * check that acknowledged writes survived. {@link #close()} (and, should the JVM end first, a
 * shutdown hook) stops it and deletes the directory.
 */
abstract class PrivateServer implements AutoCloseable {

    /** Set to {@code true} on CI: a missing server binary then fails the test instead of skipping it. */
    static final String REQUIRE_SERVICES = "MTGO_TEST_REQUIRE_SERVICES";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final String name;

    private final Path directory;

    private final int port;

    private final Thread shutdownHook;

    private boolean destroyed;

    PrivateServer(String name) {
        this.name = name;
        try {
            this.directory = Files.createTempDirectory("mtgo-fault-" + name + "-");
            this.port = freePort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.shutdownHook = new Thread(this::destroy, "stop-private-" + name);
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
    }

    /**
     * Starts the server, preparing its data directory on the first call, and returns once it
     * accepts clients. Called again after {@link #stopHarshly()}, it reuses port and data.
     * @throws Exception when the server does not come up
     */
    abstract void start() throws Exception;

    /**
     * Stops the server the way a crash would: no clean shutdown, no final flush.
     * @throws Exception when the server could not be stopped
     */
    abstract void stopHarshly() throws Exception;

    /** Stops whatever of this server still runs; never throws (used by close and the shutdown hook). */
    abstract void stopQuietly();

    final Path directory() {
        return this.directory;
    }

    final int port() {
        return this.port;
    }

    static boolean runningAsRoot() {
        return ROOT;
    }

    @Override
    public String toString() {
        return "private " + this.name + " on 127.0.0.1:" + this.port;
    }

    @Override
    public final void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // the JVM is already shutting down and the hook runs anyway
        }
    }

    private synchronized void destroy() {
        if (!this.destroyed) {
            this.destroyed = true;
            stopQuietly();
            deleteRecursively(this.directory);
        }
    }

    /**
     * Fails (when {@value #REQUIRE_SERVICES} is {@code true}) or skips the test when a server
     * binary is missing.
     */
    static Path requireExecutable(String what, Optional<Path> executable) {
        if (executable.isPresent()) {
            return executable.get();
        }
        String reason = what + " is not installed, so the private server of this fault test cannot start";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_SERVICES))) {
            Assertions.fail(reason + " (" + REQUIRE_SERVICES + "=true)");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** An executable found in one of the directories or on the PATH. */
    static Optional<Path> findExecutable(String fileName, String... directories) {
        List<String> searched = new ArrayList<>(List.of(directories));
        searched.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return searched.stream()
            .filter(directory -> !directory.isEmpty())
            .map(directory -> Path.of(directory, fileName))
            .filter(Files::isExecutable)
            .findFirst();
    }

    /** Runs a command to its end, output appended to a log in the server's directory; fails on a non-zero exit. */
    final void run(List<String> command, String logName) throws IOException, InterruptedException {
        Process process = spawn(command, logName);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish within " + COMMAND_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    command + " exited with " + process.exitValue() + "; its output: " + tail(logName));
        }
    }

    /** Starts a process, output appended to a log in the server's directory. */
    final Process spawn(List<String> command, String logName) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(this.directory.resolve(logName).toFile()))
            .start();
    }

    /** The end of a log in the server's directory, for failure messages. */
    final String tail(String logName) {
        try {
            String log = Files.readString(this.directory.resolve(logName), StandardCharsets.UTF_8);
            return log.substring(Math.max(0, log.length() - 2_000));
        }
        catch (IOException ex) {
            return "(no " + logName + ": " + ex.getMessage() + ")";
        }
    }

    /** Kills a child process with SIGKILL and waits until it is gone. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 10 s");
        }
    }

    /** Polls a readiness check until it holds, or fails naming what did not come up. */
    final void awaitReady(Duration timeout, ReadinessCheck check, Process process, String logName)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(this + " exited with " + process.exitValue() + ": " + tail(logName));
            }
            try {
                if (check.ready()) {
                    return;
                }
            }
            catch (Exception ex) {
                last = ex;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(this + " did not accept clients within " + timeout + ": " + tail(logName), last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // best effort: a leftover file in the temp directory must not hide the test's result
        }
    }

    /** Whether a server accepts clients yet. */
    @FunctionalInterface
    interface ReadinessCheck {

        boolean ready() throws Exception;

    }

}
