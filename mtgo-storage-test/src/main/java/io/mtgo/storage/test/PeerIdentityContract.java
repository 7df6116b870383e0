package io.mtgo.storage.test;

import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.StorageContents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer is named by its type and id: Telegram numbers users, basic chats and channels in separate
 * spaces that overlap, so a user, a chat and a channel with the same id are three peers, each saved,
 * renamed and deleted on its own. Marked (Bot API) ids name the same peers.
 */
public interface PeerIdentityContract extends ContractFixture {

    private static Peer user(long id, @Nullable String username) {
        return Peer.builder(id, PeerType.USER).accessHash(id * 3 + 1).username(username).firstName("User " + id)
            .phoneNumber("7000" + id).lastUpdated(1_700_000_000_001L).build();
    }

    private static Peer chat(long id) {
        return Peer.builder(id, PeerType.CHAT).firstName("Chat " + id).lastUpdated(1_700_000_000_002L).build();
    }

    private static Peer channel(long id, @Nullable String username) {
        return Peer.builder(id, PeerType.CHANNEL).accessHash(-(id * 5 + 2)).username(username).firstName("Channel " + id)
            .lastUpdated(1_700_000_000_003L).build();
    }

    @Test
    default void aUserAChatAndAChannelWithTheSameIdAreThreePeers() {
        Peer user = user(42, "same_id_user");
        Peer chat = chat(42);
        Peer channel = channel(42, "same_id_channel");
        storage().savePeer(user);
        storage().savePeer(chat);
        storage().savePeer(channel);
        assertThat(storage().loadPeer(PeerType.USER, 42)).contains(user);
        assertThat(storage().loadPeer(PeerType.CHAT, 42)).contains(chat);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 42)).contains(channel);
        assertThat(storage().loadPeerByUsername("same_id_user")).contains(user);
        assertThat(storage().loadPeerByUsername("same_id_channel")).contains(channel);
    }

    @Test
    default void savePeersKeepsAUserAChatAndAChannelWithTheSameIdApart() {
        Peer user = user(43, "batch_same_user");
        Peer chat = chat(43);
        Peer channel = channel(43, "batch_same_channel");
        storage().savePeers(List.of(user, chat, channel));
        assertThat(storage().loadPeer(PeerType.USER, 43)).contains(user);
        assertThat(storage().loadPeer(PeerType.CHAT, 43)).contains(chat);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 43)).contains(channel);
    }

    @Test
    default void renamingOnePeerLeavesThePeersOfOtherTypesWithTheSameIdAlone() {
        Peer user = user(44, "rename_user");
        Peer chat = chat(44);
        storage().savePeers(List.of(user, chat, channel(44, "rename_channel")));
        Peer renamed = channel(44, "renamed_channel").toBuilder().firstName("Renamed").build();
        storage().savePeer(renamed);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 44)).contains(renamed);
        assertThat(storage().loadPeerByUsername("rename_channel")).isEmpty();
        assertThat(storage().loadPeerByUsername("renamed_channel")).contains(renamed);
        assertThat(storage().loadPeer(PeerType.USER, 44)).contains(user);
        assertThat(storage().loadPeerByUsername("rename_user")).contains(user);
        assertThat(storage().loadPeer(PeerType.CHAT, 44)).contains(chat);
    }

    @Test
    default void deletingOnePeerLeavesThePeersOfOtherTypesWithTheSameIdAlone() {
        Peer user = user(45, "delete_user");
        Peer chat = chat(45);
        Peer channel = channel(45, "delete_channel");
        storage().savePeers(List.of(user, chat, channel));

        storage().deletePeer(PeerType.CHANNEL, 45);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 45)).isEmpty();
        assertThat(storage().loadPeerByUsername("delete_channel")).isEmpty();
        assertThat(storage().loadPeer(PeerType.USER, 45)).contains(user);
        assertThat(storage().loadPeerByUsername("delete_user")).contains(user);
        assertThat(storage().loadPeer(PeerType.CHAT, 45)).contains(chat);

        storage().deletePeer(PeerType.USER, 45);
        assertThat(storage().loadPeer(PeerType.USER, 45)).isEmpty();
        assertThat(storage().loadPeerByUsername("delete_user")).isEmpty();
        assertThat(storage().loadPeer(PeerType.CHAT, 45)).contains(chat);
    }

    @Test
    default void aUsernameMovesToAPeerOfAnotherTypeWithTheSameId() {
        Peer user = user(46, "moves_across_types");
        storage().savePeer(user);
        Peer channel = channel(46, "MOVES_ACROSS_TYPES");
        storage().savePeer(channel);
        assertThat(storage().loadPeerByUsername("moves_across_types")).contains(channel);
        assertThat(storage().loadPeer(PeerType.USER, 46)).contains(user.toBuilder().username(null).build());

        storage().savePeer(user);
        assertThat(storage().loadPeerByUsername("moves_across_types")).contains(user);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 46)).contains(channel.toBuilder().username(null).build());
    }

    @Test
    default void aUsernameClaimedByTwoSameIdPeersInOneBatchGoesToTheLater() {
        Peer user = user(47, "batch_across_types");
        Peer channel = channel(47, "batch_across_types");
        storage().savePeers(List.of(user, channel));
        assertThat(storage().loadPeerByUsername("batch_across_types")).contains(channel);
        assertThat(storage().loadPeer(PeerType.USER, 47)).contains(user.toBuilder().username(null).build());
    }

    @Test
    default void aUsernameSwapsBetweenSameIdPeersOfDifferentTypesInOneBatch() {
        storage().savePeers(List.of(user(48, "swap_user_side"), channel(48, "swap_channel_side")));
        storage().savePeers(List.of(user(48, "swap_channel_side"), channel(48, "swap_user_side")));
        assertThat(storage().loadPeerByUsername("swap_channel_side")).contains(user(48, "swap_channel_side"));
        assertThat(storage().loadPeerByUsername("swap_user_side")).contains(channel(48, "swap_user_side"));
    }

    @Test
    default void markedIdsNameTheUserTheChatAndTheChannel() {
        Peer user = user(49, "marked_user");
        Peer chat = chat(49);
        Peer channel = channel(49, "marked_channel");
        storage().savePeers(List.of(user, chat, channel));
        assertThat(storage().loadPeer(49L)).contains(user);
        assertThat(storage().loadPeer(-49L)).contains(chat);
        assertThat(storage().loadPeer(-1_000_000_000_049L)).contains(channel);
        assertThat(storage().loadPeer(channel.markedId())).contains(channel);

        storage().deletePeer(-49L);
        assertThat(storage().loadPeer(PeerType.CHAT, 49)).isEmpty();
        assertThat(storage().loadPeer(PeerType.USER, 49)).contains(user);
        storage().deletePeer(-1_000_000_000_049L);
        assertThat(storage().loadPeer(PeerType.CHANNEL, 49)).isEmpty();
        assertThat(storage().loadPeer(49L)).contains(user);
    }

    @Test
    default void theLargestChatAndTheSmallestChannelAreTwoPeers() {
        // Their marked ids are neighbours: -999999999999 and -1000000000001.
        Peer largestChat = chat(PeerIds.MAX_CHAT_ID);
        Peer smallestChannel = channel(1, "first_channel_ever");
        Peer largestChannel = channel(PeerIds.MAX_CHANNEL_ID, null);
        storage().savePeers(List.of(largestChat, smallestChannel, largestChannel));
        assertThat(storage().loadPeer(-999_999_999_999L)).contains(largestChat);
        assertThat(storage().loadPeer(-1_000_000_000_001L)).contains(smallestChannel);
        assertThat(storage().loadPeer(-Long.MAX_VALUE)).contains(largestChannel);
        assertThat(storage().loadPeer(PeerType.USER, 1)).isEmpty();
        assertThat(storage().loadPeer(PeerType.CHAT, 1)).isEmpty();
    }

    @Test
    default void allPeersListsSameIdPeersOfEveryType() {
        Peer user = user(50, null);
        Peer chat = chat(50);
        Peer channel = channel(50, null);
        storage().savePeers(List.of(user, chat, channel));
        assertThat(((StorageContents) storage()).allPeers()).containsExactlyInAnyOrder(user, chat, channel);
    }

}
