package io.mtgo.storage.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mtgo.storage.test.TestServices;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One client per test JVM on the server {@link TestServices#mongodb()} resolved (a real MongoDB
 * where one is reachable, else the in-process mongo-java-server).
 */
final class MongoTestSupport {

    static final String DATABASE = "mtgo_test";

    private static MongoClient client;

    private MongoTestSupport() {
    }

    static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestServices.mongodb().uri());
        }
        return client;
    }

    static MongoTemplate template() {
        return new MongoTemplate(client(), DATABASE);
    }

}
