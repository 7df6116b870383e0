package io.mtgo.storage.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's fat jar, processed ahead of time by Spring Boot at build time, started as a user
 * would with {@code -Dspring.aot.enabled=true}: the generated context replaces the auto-configuration
 * and condition evaluation, so the library must work from its generated bean definitions and
 * registered resources alone (Spring Boot refuses to start in AOT mode without them).
 */
class SampleBotAotIT {

    @TempDir
    Path directory;

    @Test
    void theSampleRunsTwiceFromItsAheadOfTimeProcessedJar() throws Exception {
        String first = runJar();
        assertThat(first).contains("First run on the jdbc backend").contains("auth key stored (256 bytes, never printed)");
        String second = runJar();
        assertThat(second).contains("Welcome back on the jdbc backend").contains("auth key present: true");
    }

    private String runJar() throws Exception {
        String jar = System.getProperty("sample.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Dspring.aot.enabled=true", "-jar", jar,
                "--mtgo.storage.jdbc.h2.path=" + this.directory.resolve("aot-db"))
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("AOT initializer").doesNotContain("APPLICATION FAILED TO START");
        return output;
    }

}
