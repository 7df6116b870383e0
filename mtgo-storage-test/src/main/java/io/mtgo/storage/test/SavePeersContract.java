package io.mtgo.storage.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
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

    @Test
    default void savePeersOfAFullThenAMinPeerKeepsTheFullAccessHashAndPhone() {
        Peer full = user(58, "full_then_min");
        Peer min = Peer.builder(58, PeerType.USER).accessHash(1).username("full_then_min").firstName("From min")
            .min(true).lastUpdated(2).build();
        storage().savePeers(List.of(full, min));
        Peer loaded = storage().loadPeer(PeerType.USER, 58).orElseThrow();
        assertThat(loaded.accessHash()).isEqualTo(full.accessHash());
        assertThat(loaded.phoneNumber()).isEqualTo(full.phoneNumber());
        assertThat(loaded.min()).isFalse();
        assertThat(loaded.firstName()).isEqualTo("From min");
    }

    @Test
    default void savePeersOfAMinThenAFullPeerStoresTheFullPeer() {
        Peer min = Peer.builder(59, PeerType.CHANNEL).accessHash(1).min(true).lastUpdated(2).build();
        Peer full = Peer.builder(59, PeerType.CHANNEL).accessHash(590).username("min_then_full").lastUpdated(3).build();
        storage().savePeers(List.of(min, full));
        assertThat(storage().loadPeer(PeerType.CHANNEL, 59)).contains(full);
    }

    @Test
    default void savePeersGivesAUsernameBackToTheFirstClaimantWhenItClaimsItLast() {
        storage().savePeers(List.of(user(60, "claimed_back"), user(61, "claimed_back"), user(60, "claimed_back")));
        assertThat(storage().loadPeerByUsername("claimed_back")).map(Peer::id).contains(60L);
        assertThat(storage().loadPeer(PeerType.USER, 61)).map(Peer::username).isEmpty();
    }

    @Test
    default void savePeersGivesTheResultOfSavingThePeersOneAfterAnother() {
        Peer full = user(62, "seq_full");
        Peer min = Peer.builder(62, PeerType.USER).accessHash(9).username("seq_moved").min(true).lastUpdated(5).build();
        Peer channel = Peer.builder(62, PeerType.CHANNEL).accessHash(620).username("seq_full").lastUpdated(6).build();
        Peer other = user(63, "seq_moved");
        Peer chat = Peer.builder(62, PeerType.CHAT).firstName("Chat 62").lastUpdated(7).build();
        Peer fullAgain = user(62, "seq_last").toBuilder().firstName("Full again").build();
        List<Peer> batch = List.of(full, min, channel, other, chat, min, fullAgain, other);

        Storage sequential = otherSession();
        batch.forEach(sequential::savePeer);
        storage().savePeers(batch);

        for (Peer peer : List.of(full, channel, other, chat)) {
            assertThat(storage().loadPeer(peer.markedId())).as("peer %d", peer.markedId())
                .isEqualTo(sequential.loadPeer(peer.markedId()))
                .isPresent();
        }
        for (String username : List.of("seq_full", "seq_moved", "seq_last")) {
            assertThat(storage().loadPeerByUsername(username)).as(username)
                .isEqualTo(sequential.loadPeerByUsername(username))
                .isPresent();
        }
    }

}
