package io.mtgo.storage.process;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs writing one PostgreSQL session at once lose nothing and leave a consistent username
 * index (see {@link ConcurrencyScenario}). The database is shared with other tests, so the session
 * name is random and the session is deleted afterwards.
 */
class PostgresMultiProcessConcurrencyTests {

    @TempDir
    Path directory;

    @Test
    void concurrentWriterProcessesLoseNothing() throws Exception {
        new ConcurrencyScenario(WriterDatabase.postgres(), "process_" + UUID.randomUUID(), this.directory, 4_000).run();
    }

}
