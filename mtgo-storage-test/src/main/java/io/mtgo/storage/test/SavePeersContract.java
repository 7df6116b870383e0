package io.mtgo.storage.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link io.mtgo.storage.Storage#savePeers}: many peers at once, all or nothing.
 */
public interface SavePeersContract extends ContractFixture {

    @Test
    default void savePeersSavesEveryPeer() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            peers.add(user(100_000 + i, "bulk_user_" + i));
        }
        storage().savePeers(peers);
        for (Peer peer : peers) {
            assertThat(storage().loadPeer(peer.id())).contains(peer);
        }
        assertThat(storage().loadPeerByUsername("BULK_USER_777")).map(Peer::id).contains(100_777L);
    }

    @Test
    default void savePeersKeepsTheLastOccurrenceOfAnId() {
        Peer first = user(50, "first_version");
        Peer last = user(50, "last_version").toBuilder().firstName("Last").build();
        storage().savePeers(List.of(first, user(51, null), last));
        assertThat(storage().loadPeer(50)).contains(last);
        assertThat(storage().loadPeerByUsername("first_version")).isEmpty();
    }

    @Test
    default void savePeersGivesAUsernameClaimedTwiceToTheLastClaimant() {
        storage().savePeers(List.of(user(52, "claimed_twice"), user(53, "claimed_twice")));
        assertThat(storage().loadPeerByUsername("claimed_twice")).map(Peer::id).contains(53L);
        assertThat(storage().loadPeer(52)).map(Peer::username).isEmpty();
    }

    @Test
    default void savePeersWithANullElementWritesNothing() {
        Peer stored = user(54, "kept_as_is");
        storage().savePeer(stored);
        List<Peer> peers = Arrays.asList(user(54, "would_change"), null, user(55, "never_saved"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage().savePeers(peers)).withMessageContaining("peers[1]");
        assertThat(storage().loadPeer(54)).contains(stored);
        assertThat(storage().loadPeer(55)).isEmpty();
        assertThat(storage().loadPeerByUsername("never_saved")).isEmpty();
    }

    @Test
    default void savePeersOfAnEmptyCollectionDoesNothing() {
        storage().savePeers(List.of());
        assertThat(storage().loadPeer(1)).isEmpty();
    }

    @Test
    default void savePeersAppliesTheMinPeerRule() {
        Peer full = user(56, "batch_full");
        storage().savePeer(full);
        Peer min = Peer.builder(56, PeerType.USER).accessHash(1).firstName("Renamed").min(true).build();
        storage().savePeers(List.of(min, user(57, null)));
        Peer loaded = storage().loadPeer(56).orElseThrow();
        assertThat(loaded.accessHash()).isEqualTo(full.accessHash());
        assertThat(loaded.phoneNumber()).isEqualTo(full.phoneNumber());
        assertThat(loaded.firstName()).isEqualTo("Renamed");
        assertThat(storage().loadPeer(57)).isPresent();
    }

}
