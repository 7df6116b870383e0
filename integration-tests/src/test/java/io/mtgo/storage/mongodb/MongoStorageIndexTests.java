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
        new MongoStorage(template, names, "index-test");
        List<String> peerIndexes = new ArrayList<>();
        template.getCollection("idx_peers").listIndexes().forEach(index -> peerIndexes.add(index.getString("name")));
        assertThat(peerIndexes).contains("mtgo_peers_username_uk", "mtgo_peers_phone_idx", "mtgo_peers_session_idx");
        List<String> kvIndexes = new ArrayList<>();
        template.getCollection("idx_kv").listIndexes().forEach(index -> kvIndexes.add(index.getString("name")));
        assertThat(kvIndexes).contains("mtgo_kv_session_idx");
    }

    @Test
    void aSecondHolderOfAUsernameCannotBeWrittenBehindTheStoragesBack() {
        MongoTemplate template = MongoTestSupport.template();
        String session = "index-" + UUID.randomUUID();
        MongoStorage storage = new MongoStorage(template, MongoCollectionNames.DEFAULT, session);
        storage.savePeer(Peer.builder(1, PeerType.USER).username("unique_name").build());
        Document intruder = MongoDocuments.peer(session, Peer.builder(2, PeerType.USER).username("UNIQUE_NAME").lastUpdated(1).build());
        assertThatExceptionOfType(MongoWriteException.class)
            .isThrownBy(() -> template.getCollection(MongoCollectionNames.DEFAULT.peers()).insertOne(intruder));
        assertThat(storage.loadPeerByUsername("unique_name")).map(Peer::id).contains(1L);
        storage.deleteSession(session);
    }

}
