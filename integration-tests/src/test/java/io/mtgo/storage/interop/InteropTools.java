package io.mtgo.storage.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.test.TestServices;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real client libraries the interop tests compare against: Telethon (Debian's
 * {@code python3-telethon}) and GramJS (npm {@code telegram}). A missing library skips the test, or
 * fails it under {@code MTGO_TEST_REQUIRE_SERVICES=true}, as a missing database does.
 * <p>
 * Where they are looked for: {@code MTGO_TEST_PYTHON} (default: {@code /usr/bin/python3}, where the
 * Debian package installs, then {@code python3}); {@code MTGO_TEST_GRAMJS_DIR}, a directory holding
 * {@code node_modules/telegram} (default: {@code .tools/gramjs} at the repository root, where
 * {@code npm install --prefix .tools/gramjs telegram} puts it).
 */
final class InteropTools {

    private static final long TIMEOUT_SECONDS = 60;

    /** Found once per test run: checking costs an interpreter start. */
    private static volatile String python;

    private InteropTools() {
    }

    /**
     * Returns a Python interpreter that imports Telethon, or skips the test.
     * @return the interpreter's command
     */
    static String telethonPython() {
        String found = python;
        if (found == null) {
            found = findTelethonPython();
            python = found;
        }
        return found;
    }

    private static String findTelethonPython() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("MTGO_TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String candidate : candidates) {
            if (succeeds(List.of(candidate, "-c", "import telethon"))) {
                return candidate;
            }
        }
        missing("Telethon (apt-get install python3-telethon) is not importable by any of " + candidates);
        throw new AssertionError("unreachable");
    }

    /**
     * Returns the directory whose {@code node_modules} holds GramJS, or skips the test.
     * @return the directory
     */
    static Path gramJsDirectory() {
        String configured = System.getenv("MTGO_TEST_GRAMJS_DIR");
        Path directory = (configured != null && !configured.isBlank()) ? Path.of(configured) : repositoryRoot().resolve(".tools/gramjs");
        Path module = directory.resolve("node_modules/telegram/sessions/StringSession.js");
        if (!Files.isRegularFile(module)) {
            missing("GramJS is not installed in " + directory + " (npm install --prefix .tools/gramjs telegram)");
        }
        if (!succeeds(List.of("node", "--version"))) {
            missing("Node.js (node) is not on the PATH");
        }
        return directory.toAbsolutePath();
    }

    /**
     * Starts a Python script with Telethon that answers requests line by line.
     * @param script the script's text
     * @return the running script
     */
    static LibraryProcess telethon(String script) {
        return LibraryProcess.start("Telethon", List.of(telethonPython(), "-u", "-c", script), null);
    }

    /**
     * Starts a Node.js script that can {@code require('telegram/...')} and answers requests line by line.
     * @param script the script's text
     * @return the running script
     */
    static LibraryProcess gramJs(String script) {
        Path directory = gramJsDirectory();
        return LibraryProcess.start("GramJS", List.of("node", "-e", script), directory.resolve("node_modules"));
    }

    /**
     * A fingerprint of an auth key, so that tests compare keys without printing them.
     * @param key the key
     * @return the SHA-256 of the key, in hex
     */
    static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void missing(String reason) {
        if (Boolean.parseBoolean(System.getenv(TestServices.REQUIRE_SERVICES))) {
            throw new IllegalStateException(reason + " (" + TestServices.REQUIRE_SERVICES + "=true)");
        }
        assumeTrue(false, reason);
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The repository root: the nearest directory up from the working directory that holds {@code mvnw}. */
    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("integration-tests"))) {
                return candidate;
            }
        }
        return directory;
    }

}
