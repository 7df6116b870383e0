package io.mtgo.storage.mongodb;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageContractTests;
import io.mtgo.storage.test.TestServices;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the MongoDB backend can run on collections sharded by session. No sharded cluster runs
 * here, so the whole contract workload runs on a client with a {@link SessionScopedCommands}
 * listener, which records every command a {@code mongos} would have to route: afterwards, none
 * may lack the session field (a broadcast), and every index on the session-scoped collections
 * must start with it (MongoDB refuses a unique index without the shard key prefix).
 * <p>
 * Listing the session names ({@code distinct}) is the one read meant to ask every shard; it is
 * not among the recorded commands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoShardableStorageTests extends StorageContractTests {

    private static final MongoCollectionNames NAMES = new MongoCollectionNames("mtgo_shard_sessions", "mtgo_shard_peers",
            "mtgo_shard_kv", "mtgo_shard_conversations");

    private final SessionScopedCommands commands = new SessionScopedCommands();

    private MongoClient client;

    private MongoTemplate template;

    private MongoStorage root;

    @BeforeAll
    void connectWithListener() {
        this.client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestServices.mongodb().uri()))
            .addCommandListener(this.commands)
            .build());
        this.template = new MongoTemplate(this.client, MongoTestSupport.DATABASE);
        this.root = MongoStorage.builder(this.template).collectionNames(NAMES).sessionName("shardable-root").build();
        this.commands.startRecording();
    }

    @AfterAll
    void everyCommandOfTheWorkloadCarriedTheSession() {
        this.commands.stopRecording();
        try {
            assertThat(this.commands.seen()).as("recorded commands").contains("find", "update", "delete");
            assertThat(this.commands.unrouted()).as("commands a collection sharded on s would broadcast").isEmpty();
        }
        finally {
            this.client.close();
        }
    }

    @Override
    protected Storage createStorage(String sessionName) {
        return this.root.forSession(sessionName);
    }

    @Test
    void everyIndexOfASessionScopedCollectionStartsWithTheSession() {
        for (String collection : List.of(NAMES.sessions(), NAMES.peers(), NAMES.kv(), NAMES.conversations())) {
            List<Document> keys = new ArrayList<>();
            this.template.getCollection(collection).listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
            assertThat(keys).as("indexes of %s", collection).isNotEmpty().allSatisfy(key -> assertThat(key.keySet())
                .as("index %s of %s", key, collection).first().isIn("s", "_id"));
        }
        List<Document> unique = new ArrayList<>();
        this.template.getCollection(NAMES.peers()).listIndexes().forEach(index -> {
            if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                unique.add(index.get("key", Document.class));
            }
        });
        assertThat(unique).as("unique indexes of %s", NAMES.peers())
            .containsExactlyInAnyOrder(new Document("s", 1).append("uk", 1), new Document("s", 1).append("_id", 1));
    }

}
