package io.mtgo.storage.mongodb;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.MongoWriteException;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The indexes the storage creates at start-up, and that the unique username index holds even for a
 * write made behind the storage's back.
 */
class MongoStorageIndexTests {

    @Test
    void createsItsIndexesAtStartUp() {
        MongoTemplate template = MongoTestSupport.template();
        MongoCollectionNames names = new MongoCollectionNames("idx_sessions", "idx_peers", "idx_kv", "idx_conversations");
        MongoStorage.builder(template).collectionNames(names).sessionName("index-test").build();
        List<String> peerIndexes = new ArrayList<>();
        template.getCollection("idx_peers").listIndexes().forEach(index -> peerIndexes.add(index.getString("name")));
        assertThat(peerIndexes).contains(MongoStorage.PEERS_USERNAME_INDEX, "mtgo_session_id_uk")
            .doesNotContain("mtgo_peers_username_uk", "mtgo_peers_phone_idx");
        List<String> kvIndexes = new ArrayList<>();
        template.getCollection("idx_kv").listIndexes().forEach(index -> kvIndexes.add(index.getString("name")));
        assertThat(kvIndexes).contains("mtgo_session_id_uk");
    }

    /**
     * A database of the first layout: session documents without {@code s}, peers without a
     * username and thus without {@code uk}, and the unique index {@code {uk: 1}} that a sharded
     * collection cannot have. Start-up replaces the index and fills in the fields, and everything
     * stays readable.
     */
    @Test
    void upgradesTheFirstLayoutAtStartUp() {
        MongoTemplate template = MongoTestSupport.template();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        MongoCollectionNames names = new MongoCollectionNames("old_sessions_" + suffix, "old_peers_" + suffix, "old_kv_" + suffix,
                "old_conversations_" + suffix);
        var peers = template.getCollection(names.peers());
        peers.createIndex(new Document("uk", 1), new com.mongodb.client.model.IndexOptions().unique(true).sparse(true).name("mtgo_peers_username_uk"));
        peers.createIndex(new Document("s", 1).append("phone", 1), new com.mongodb.client.model.IndexOptions().name("mtgo_peers_phone_idx"));
        Document named = MongoDocuments.peer("old", Peer.builder(1, PeerType.USER).accessHash(5).username("kept_name").lastUpdated(1).build());
        Document unnamed = MongoDocuments.peer("old", Peer.builder(2, PeerType.CHANNEL).accessHash(6).lastUpdated(1).build());
        unnamed.remove("uk");
        peers.insertMany(List.of(named, unnamed));
        Document session = MongoDocuments.session(io.mtgo.storage.Session.builder("old").dcId(2).build(), null);
        session.remove("s");
        template.getCollection(names.sessions()).insertOne(session);

        MongoStorage storage = MongoStorage.builder(template).collectionNames(names).sessionName("old").build();

        List<Document> keys = new ArrayList<>();
        peers.listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
        assertThat(keys).doesNotContain(new Document("uk", 1), new Document("s", 1).append("phone", 1))
            .contains(new Document("s", 1).append("uk", 1));
        assertThat(storage.loadSession("old")).isPresent();
        assertThat(storage.loadPeerByUsername("kept_name")).map(Peer::id).contains(1L);
        assertThat(storage.loadPeer(PeerType.CHANNEL, 2)).map(Peer::accessHash).contains(6L);
        storage.savePeer(Peer.builder(3, PeerType.CHANNEL).accessHash(7).build());
        storage.savePeer(Peer.builder(2, PeerType.CHANNEL).accessHash(6).username("kept_name").build());
        assertThat(storage.loadPeerByUsername("kept_name")).map(Peer::id).contains(2L);
        assertThat(storage.loadPeer(PeerType.USER, 1)).hasValueSatisfying(peer -> assertThat(peer.username()).isNull());
        assertThat(storage.sessionNames()).containsExactly("old");
    }

    /**
     * A collection property pointed at one of the application's collections: start-up refuses it
     * and leaves the application's documents as they were, instead of writing {@code s} into them.
     */
    @Test
    void refusesACollectionHoldingTheApplicationsDocumentsAndLeavesThemAlone() {
        MongoTemplate template = MongoTestSupport.template();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        MongoCollectionNames names = new MongoCollectionNames("app_sessions_" + suffix, "own_peers_" + suffix, "own_kv_" + suffix,
                "own_conversations_" + suffix);
        var appSessions = template.getCollection(names.sessions());
        appSessions.insertOne(new Document("_id", "web-session-1").append("user", "bob"));

        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> MongoStorage.builder(template).collectionNames(names).sessionName("bot").build())
            .withMessage("Collection 'app_sessions_" + suffix + "' holds documents without a session's dcId, which mtgo-storage "
                    + "did not write: its collections must be its own");
        assertThat(appSessions.find().first()).isEqualTo(new Document("_id", "web-session-1").append("user", "bob"));

        MongoCollectionNames appPeers = new MongoCollectionNames("own_sessions_" + suffix, "app_peers_" + suffix, "own_kv_" + suffix,
                "own_conversations_" + suffix);
        template.getCollection(appPeers.peers()).insertOne(new Document("name", "an application's document"));
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> MongoStorage.builder(template).collectionNames(appPeers).sessionName("bot").build())
            .withMessageContaining("Collection 'app_peers_" + suffix + "' holds documents without a peer's _id {s, t, id}");
    }

    @Test
    void aSecondHolderOfAUsernameCannotBeWrittenBehindTheStoragesBack() {
        MongoTemplate template = MongoTestSupport.template();
        String session = "index-" + UUID.randomUUID();
        MongoStorage storage = MongoStorage.builder(template).sessionName(session).build();
        storage.savePeer(Peer.builder(1, PeerType.USER).username("unique_name").build());
        Document intruder = MongoDocuments.peer(session, Peer.builder(2, PeerType.USER).username("UNIQUE_NAME").lastUpdated(1).build());
        assertThatExceptionOfType(MongoWriteException.class)
            .isThrownBy(() -> template.getCollection(MongoCollectionNames.DEFAULT.peers()).insertOne(intruder));
        assertThat(storage.loadPeerByUsername("unique_name")).map(Peer::id).contains(1L);
        storage.deleteSession(session);
    }

}
