package io.mtgo.storage.memory;

import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.test.StorageCopyTests;

/**
 * {@link StorageCopyTests} on the in-memory backend: one store per test class, so a copy sees only
 * what the class wrote.
 */
class MemoryStorageCopyTests extends StorageCopyTests {

    private final Storage root = Storages.memory("memory-copy-root");

    @Override
    protected Storage createStorage(String sessionName) {
        return this.root.forSession(sessionName);
    }

}
