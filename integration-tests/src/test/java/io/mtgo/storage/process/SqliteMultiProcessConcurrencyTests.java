package io.mtgo.storage.process;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs writing one SQLite file (WAL, busy timeout, one connection each) at once lose nothing,
 * never surface {@code SQLITE_BUSY}, and leave a consistent username index (see
 * {@link ConcurrencyScenario}).
 */
class SqliteMultiProcessConcurrencyTests {

    @TempDir
    Path directory;

    @Test
    void concurrentWriterProcessesLoseNothing() throws Exception {
        new ConcurrencyScenario(WriterDatabase.sqlite(this.directory.resolve("mtgo.sqlite")), "process_" + UUID.randomUUID(),
                this.directory, 3_000).run();
    }

}
