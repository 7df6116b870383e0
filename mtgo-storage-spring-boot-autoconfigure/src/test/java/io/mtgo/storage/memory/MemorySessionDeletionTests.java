package io.mtgo.storage.memory;

import java.lang.ref.WeakReference;

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

    /** Storages of the session that are kept but not used again must not keep its deleted peers. */
    @Test
    void aDeletedSessionsPeersAreNotKeptByItsStorages() throws InterruptedException {
        this.first.savePeer(Peer.builder(5, PeerType.USER).accessHash(50).username("kept_name").lastUpdated(1).build());
        WeakReference<Peer> stored = new WeakReference<>(this.second.loadPeer(PeerType.USER, 5).orElseThrow());
        assertThat(this.first.loadPeerByUsername("kept_name")).isPresent();

        this.second.deleteSession("bot");

        for (int i = 0; i < 20 && stored.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(stored.get()).as("the deleted peer, with both storages still referenced").isNull();
        assertThat(this.first.loadPeer(PeerType.USER, 5)).isEmpty();
    }

}
