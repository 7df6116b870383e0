package io.mtgo.storage.test;

import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers by id, and the min-peer rule.
 */
public interface PeerContract extends ContractFixture {

    @Test
    default void savePeerThenLoadPeerReturnsEveryField() {
        Peer peer = Peer.builder(1234567890123L, PeerType.USER)
            .accessHash(-8_000_000_000_000_000_000L)
            .username("Every_Field")
            .usernames(List.of("Every_Field", "collectible_one"))
            .firstName("Zoë 🚀")
            .lastName("O'Brien")
            .phoneNumber("+447700900123")
            .bot(true)
            .photoId(Long.MAX_VALUE)
            .language("pt-br")
            .lastUpdated(1_700_000_000_001L)
            .build();
        storage().savePeer(peer);
        Peer loaded = storage().loadPeer(peer.id()).orElseThrow();
        assertThat(loaded).isEqualTo(peer);
        assertThat(loaded.phoneNumber()).isEqualTo("447700900123");
        assertThat(loaded.usernames()).containsExactly("Every_Field", "collectible_one");
    }

    @Test
    default void peersOfEveryTypeRoundTripByTypeAndId() {
        Peer chat = Peer.builder(4_000_000_001L, PeerType.CHAT).firstName("Group").lastUpdated(1).build();
        Peer channel = Peer.builder(1_234_567_890L, PeerType.CHANNEL).accessHash(99).username("news_channel").lastUpdated(2).build();
        Peer bare = Peer.builder(Long.MAX_VALUE, PeerType.USER).lastUpdated(3).build();
        storage().savePeers(List.of(chat, channel, bare));
        assertThat(storage().loadPeer(PeerType.CHAT, chat.id())).contains(chat);
        assertThat(storage().loadPeer(PeerType.CHANNEL, channel.id())).contains(channel);
        assertThat(storage().loadPeer(PeerType.USER, bare.id())).contains(bare);
    }

    @Test
    default void loadPeerReturnsEmptyWhenAbsent() {
        assertThat(storage().loadPeer(987654321L)).isEmpty();
    }

    @Test
    default void savePeerReplacesTheStoredPeerOfTheSameId() {
        storage().savePeer(user(10, "first_name"));
        Peer changed = user(10, "first_name").toBuilder().firstName("Changed").accessHash(1).photoId(0).language(null).build();
        storage().savePeer(changed);
        assertThat(storage().loadPeer(10)).contains(changed);
    }

    @Test
    default void savePeerSetsLastUpdatedWhenLeftAtZero() {
        long before = System.currentTimeMillis();
        storage().savePeer(Peer.builder(11, PeerType.USER).accessHash(5).build());
        long lastUpdated = storage().loadPeer(11).orElseThrow().lastUpdated();
        assertThat(lastUpdated).isBetween(before, System.currentTimeMillis());
    }

    @Test
    default void deletePeerRemovesThePeerAndFreesItsUsername() {
        storage().savePeer(user(12, "to_be_deleted"));
        storage().deletePeer(12);
        assertThat(storage().loadPeer(12)).isEmpty();
        assertThat(storage().loadPeerByUsername("to_be_deleted")).isEmpty();
        storage().savePeer(user(13, "to_be_deleted"));
        assertThat(storage().loadPeerByUsername("to_be_deleted")).map(Peer::id).contains(13L);
    }

    @Test
    default void deletePeerOfAnAbsentPeerDoesNothing() {
        storage().savePeer(user(14, null));
        storage().deletePeer(15);
        assertThat(storage().loadPeer(14)).isPresent();
    }

    @Test
    default void minPeerKeepsTheStoredAccessHashAndPhone() {
        Peer full = user(20, "full_user");
        storage().savePeer(full);
        Peer min = Peer.builder(20, PeerType.USER).accessHash(555).username("full_user").firstName("Min Name").min(true).build();
        storage().savePeer(min);
        Peer loaded = storage().loadPeer(20).orElseThrow();
        assertThat(loaded.accessHash()).isEqualTo(full.accessHash());
        assertThat(loaded.phoneNumber()).isEqualTo(full.phoneNumber());
        assertThat(loaded.min()).isFalse();
        assertThat(loaded.firstName()).isEqualTo("Min Name");
    }

    @Test
    default void minPeerIsStoredAsIsWhenNoFullPeerIsStored() {
        Peer min = Peer.builder(21, PeerType.CHANNEL).accessHash(777).min(true).lastUpdated(5).build();
        storage().savePeer(min);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 21)).contains(min);
        Peer newerMin = min.toBuilder().accessHash(778).build();
        storage().savePeer(newerMin);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 21)).contains(newerMin);
    }

    @Test
    default void fullPeerOverwritesAStoredMinPeer() {
        storage().savePeer(Peer.builder(22, PeerType.USER).accessHash(1).min(true).build());
        Peer full = user(22, "now_full");
        storage().savePeer(full);
        assertThat(storage().loadPeer(22)).contains(full);
    }

}
