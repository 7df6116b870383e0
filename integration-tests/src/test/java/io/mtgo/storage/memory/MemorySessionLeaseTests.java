package io.mtgo.storage.memory;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.SessionLeaseContractTests;

/**
 * The lease contract on {@link MemorySessionLeases}, reached through {@link MemoryStorage#leases()}.
 */
class MemorySessionLeaseTests extends SessionLeaseContractTests {

    @Override
    protected Storage createStorage(String sessionName) {
        return MemoryStorage.builder().sessionName(sessionName).build();
    }

}
