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
