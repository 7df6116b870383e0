package io.mtgo.storage.memory;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link MemoryStorage} keeps the session data it last found; a deletion through another storage
 * of the same session must still be seen by it, for reads and for writes.
 */
class MemorySessionDeletionTests {

    private final Storage first = MemoryStorage.builder().sessionName("bot").build();

    private final Storage second = this.first.forSession("other").forSession("bot");

    @Test
    void aDeletionThroughAnotherStorageIsSeenByReadsAndWrites() {
        this.first.savePeer(Peer.builder(1, PeerType.USER).accessHash(10).username("first_name").build());
        assertThat(this.first.loadPeerByUsername("first_name")).isPresent();

        this.second.deleteSession("bot");

        assertThat(this.first.loadPeer(PeerType.USER, 1)).isEmpty();
        assertThat(this.first.loadPeerByUsername("first_name")).isEmpty();

        this.first.savePeer(Peer.builder(2, PeerType.USER).accessHash(20).build());
        assertThat(this.second.loadPeer(PeerType.USER, 2)).map(Peer::accessHash).contains(20L);
        this.second.savePeer(Peer.builder(3, PeerType.CHANNEL).accessHash(30).build());
        assertThat(this.first.loadPeer(PeerType.CHANNEL, 3)).map(Peer::accessHash).contains(30L);
        assertThat(this.first.loadPeer(PeerType.USER, 1)).isEmpty();
    }

    @Test
    void metadataWrittenAfterADeletionLandsInTheFreshSession() {
        this.first.setFirstName("Before");
        this.second.deleteSession("bot");
        this.first.setFirstName("After");
        assertThat(this.second.getFirstName()).contains("After");
        this.first.setUpdateState(2, new byte[] { 1 });
        this.second.deleteSession("bot");
        assertThat(this.first.getFirstName()).isEmpty();
    }

}
