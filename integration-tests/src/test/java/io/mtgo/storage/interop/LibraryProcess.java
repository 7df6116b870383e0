package io.mtgo.storage.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A real client library (Telethon under Python, GramJS under Node.js) kept running for a test class:
 * starting either costs about a second, so a test sends it one request per line and reads one answer
 * line back. Its scripts answer {@code error <type>} for a request they cannot serve.
 */
final class LibraryProcess implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final String name;

    private final Process process;

    private final Writer requests;

    private final BufferedReader answers;

    private final CompletableFuture<byte[]> errors;

    private LibraryProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            }
            catch (IOException ex) {
                return new byte[0];
            }
        });
    }

    /**
     * Starts a library's script.
     * @param name the library's name, for messages
     * @param command the command running the script
     * @param nodePath the {@code node_modules} directory for {@code NODE_PATH}, or {@code null}
     * @return the running process
     */
    static LibraryProcess start(String name, List<String> command, @Nullable Path nodePath) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (nodePath != null) {
                builder.environment().put("NODE_PATH", nodePath.toString());
            }
            return new LibraryProcess(name, builder.start());
        }
        catch (IOException ex) {
            throw new AssertionError("Could not start " + name, ex);
        }
    }

    /**
     * Sends one request and waits for its answer.
     * @param request the request, one line of space-separated words
     * @return the answer line
     */
    String ask(String request) {
        try {
            this.requests.write(request + "\n");
            this.requests.flush();
            String answer = CompletableFuture.supplyAsync(this::readLine).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                // Session strings go to standard output only, which is never shown; errors carry no secrets.
                throw new AssertionError(this.name + " exited: " + new String(this.errors.getNow(new byte[0]), StandardCharsets.UTF_8));
            }
            return answer;
        }
        catch (IOException | ExecutionException | TimeoutException ex) {
            throw new AssertionError(this.name + " did not answer", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + this.name, ex);
        }
    }

    private @Nullable String readLine() {
        try {
            return this.answers.readLine();
        }
        catch (IOException ex) {
            return null;
        }
    }

    @Override
    public void close() {
        try (OutputStream ignored = this.process.getOutputStream()) {
            // Closing standard input ends the script's request loop.
        }
        catch (IOException ex) {
            // Already gone.
        }
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

}
