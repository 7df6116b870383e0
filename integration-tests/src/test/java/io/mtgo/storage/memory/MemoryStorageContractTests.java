package io.mtgo.storage.memory;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;

/**
 * The contract suite against {@link MemoryStorage}. One store per test; its {@code forSession}
 * views share it.
 */
class MemoryStorageContractTests extends StorageContractTests {

    @Override
    protected Storage createStorage(String sessionName) {
        return MemoryStorage.builder().sessionName(sessionName).build();
    }

}
