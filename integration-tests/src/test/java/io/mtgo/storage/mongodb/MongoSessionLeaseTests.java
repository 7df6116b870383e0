package io.mtgo.storage.mongodb;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.SessionLeaseContractTests;

/**
 * The lease contract on MongoDB (a real server where one is reachable, else the in-process
 * mongo-java-server, whose {@code $$NOW} is its JVM's clock, the same as the test's).
 */
class MongoSessionLeaseTests extends SessionLeaseContractTests {

    @Override
    protected Storage createStorage(String sessionName) {
        return MongoStorage.builder(MongoTestSupport.template()).sessionName(sessionName).build();
    }

}
