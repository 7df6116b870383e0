package io.mtgo.storage.process;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file keeps every acknowledged write when its writer JVM is killed with SIGKILL, three times
 * over (see {@link CrashScenario}).
 */
class H2CrashTests {

    @TempDir
    Path directory;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        new CrashScenario(WriterDatabase.h2(this.directory)).run();
    }

}
