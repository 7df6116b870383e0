package io.mtgo.storage.mongodb;

import java.util.UUID;

import io.mtgo.storage.Storage;
import io.mtgo.storage.test.StorageCopyTests;

/**
 * {@link StorageCopyTests} on MongoDB, in collections of the class's own, so a copy sees only what
 * the class wrote.
 */
class MongoStorageCopyTests extends StorageCopyTests {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    private static final MongoCollectionNames NAMES = new MongoCollectionNames("copy_sessions_" + SUFFIX, "copy_peers_" + SUFFIX,
            "copy_kv_" + SUFFIX, "copy_conversations_" + SUFFIX);

    private MongoStorage root;

    /** mongo-java-server scans the collection for every compound-_id lookup: keep it just over a page. */
    @Override
    protected int manyPeersCount() {
        return 1_001;
    }

    @Override
    protected Storage createStorage(String sessionName) {
        if (this.root == null) {
            this.root = MongoStorage.builder(MongoTestSupport.template()).collectionNames(NAMES).sessionName("copy-root").build();
        }
        return this.root.forSession(sessionName);
    }

}
