package io.mtgo.storage.memory;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageConcurrencyTests;

/**
 * Eight threads of mixed writes on {@link MemoryStorage}.
 */
class MemoryStorageConcurrencyTests extends StorageConcurrencyTests {

    @Override
    protected Storage createStorage(String sessionName) {
        return MemoryStorage.builder().sessionName(sessionName).build();
    }

}
