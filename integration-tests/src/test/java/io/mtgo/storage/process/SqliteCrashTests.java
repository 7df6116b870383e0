package io.mtgo.storage.process;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite file in WAL mode keeps every acknowledged write when its writer JVM is killed with SIGKILL, three times
 * over (see {@link CrashScenario}).
 */
class SqliteCrashTests {

    @TempDir
    Path directory;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        new CrashScenario(WriterDatabase.sqlite(this.directory.resolve("mtgo.sqlite"))).run();
    }

}
