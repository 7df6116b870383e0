package io.mtgo.storage.mongodb;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract suite on the MongoDB backend: real MongoDB where one is reachable (environment
 * variable, local port or Testcontainers), else the in-process mongo-java-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoStorageContractTests extends StorageContractTests {

    private MongoStorage root;

    @Override
    protected Storage createStorage(String sessionName) {
        if (this.root == null) {
            this.root = MongoStorage.builder(MongoTestSupport.template()).sessionName("contract-root").build();
        }
        return this.root.forSession(sessionName);
    }

}
