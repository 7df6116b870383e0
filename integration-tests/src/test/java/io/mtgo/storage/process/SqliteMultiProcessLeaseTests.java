package io.mtgo.storage.process;

import java.nio.file.Path;

/**
 * Session leases between processes on one SQLite file (WAL, busy timeout, one connection each).
 */
class SqliteMultiProcessLeaseTests extends AbstractMultiProcessLeaseTests {

    @Override
    WriterDatabase database(Path directory) {
        return WriterDatabase.sqlite(directory.resolve("leases.sqlite"));
    }

}
