package io.mtgo.storage.mongodb;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageConcurrencyTests;

/**
 * Eight threads of mixed writes on the MongoDB backend (real MongoDB where one is reachable, else
 * the in-process mongo-java-server).
 */
class MongoStorageConcurrencyTests extends StorageConcurrencyTests {

    @Override
    protected Storage createStorage(String sessionName) {
        return MongoStorage.builder(MongoTestSupport.template()).sessionName(sessionName).build();
    }

}
