package io.mtgo.storage.test;

import java.util.List;

import io.mtgo.storage.Peer;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Username lookups: case-insensitive, {@code @} ignored, one peer per username.
 */
public interface UsernameContract extends ContractFixture {

    @Test
    default void loadPeerByUsernameIgnoresCase() {
        storage().savePeer(user(30, "MixedCase_Name"));
        assertThat(storage().loadPeerByUsername("mixedcase_name")).map(Peer::id).contains(30L);
        assertThat(storage().loadPeerByUsername("MIXEDCASE_NAME")).map(Peer::id).contains(30L);
    }

    @Test
    default void loadPeerByUsernameIgnoresALeadingAt() {
        storage().savePeer(user(31, "@at_sign_user"));
        assertThat(storage().loadPeerByUsername("@AT_SIGN_USER")).map(Peer::id).contains(31L);
        assertThat(storage().loadPeer(31)).map(Peer::username).contains("at_sign_user");
    }

    @Test
    default void loadPeerByUsernameKeepsTheDisplayCase() {
        storage().savePeer(user(32, "Durov_Style"));
        assertThat(storage().loadPeerByUsername("durov_style")).map(Peer::username).contains("Durov_Style");
    }

    @Test
    default void reSavingAPeerWithItsUsernameInAnotherCaseKeepsTheNewCase() {
        storage().savePeer(user(37, "Case_Change"));
        storage().savePeer(user(37, "CASE_change"));
        assertThat(storage().loadPeerByUsername("case_change")).map(Peer::username).contains("CASE_change");
        storage().savePeers(List.of(user(37, "case_CHANGE"), user(38, "other_peer")));
        assertThat(storage().loadPeer(37)).map(Peer::username).contains("case_CHANGE");
        assertThat(storage().loadPeerByUsername("CASE_CHANGE")).map(Peer::id).contains(37L);
    }

    @Test
    default void loadPeerByUsernameReturnsEmptyWhenNoPeerHoldsIt() {
        storage().savePeer(user(33, "somebody_else"));
        assertThat(storage().loadPeerByUsername("nobody_here")).isEmpty();
    }

    @Test
    default void renamingAPeerFreesItsOldUsername() {
        storage().savePeer(user(34, "old_handle"));
        storage().savePeer(user(34, "new_handle"));
        assertThat(storage().loadPeerByUsername("old_handle")).isEmpty();
        assertThat(storage().loadPeerByUsername("new_handle")).map(Peer::id).contains(34L);
    }

    @Test
    default void droppingAUsernameFreesIt() {
        storage().savePeer(user(35, "dropped_name"));
        storage().savePeer(user(35, null));
        assertThat(storage().loadPeerByUsername("dropped_name")).isEmpty();
        assertThat(storage().loadPeer(35)).map(Peer::username).isEmpty();
    }

    @Test
    default void usernameTakenByAnotherPeerMovesToIt() {
        storage().savePeer(user(36, "moving_name"));
        storage().savePeer(user(37, "MOVING_NAME"));
        assertThat(storage().loadPeerByUsername("moving_name")).map(Peer::id).contains(37L);
        Peer previousHolder = storage().loadPeer(36).orElseThrow();
        assertThat(previousHolder.username()).isNull();
        assertThat(previousHolder.accessHash()).isEqualTo(user(36, null).accessHash());
    }

    @Test
    default void usernameMovesInsideOneSavePeersCall() {
        storage().savePeer(user(38, "batch_moved"));
        storage().savePeers(List.of(user(38, "batch_other"), user(39, "batch_moved")));
        assertThat(storage().loadPeerByUsername("batch_moved")).map(Peer::id).contains(39L);
        assertThat(storage().loadPeerByUsername("batch_other")).map(Peer::id).contains(38L);
    }

    @Test
    default void usernameSwapBetweenTwoPeersInOneSavePeersCall() {
        storage().savePeers(List.of(user(40, "swap_alpha"), user(41, "swap_bravo")));
        storage().savePeers(List.of(user(40, "swap_bravo"), user(41, "swap_alpha")));
        assertThat(storage().loadPeerByUsername("swap_alpha")).map(Peer::id).contains(41L);
        assertThat(storage().loadPeerByUsername("swap_bravo")).map(Peer::id).contains(40L);
    }

    @Test
    default void minPeerWithAUsernameStillMovesTheUsername() {
        storage().savePeer(user(42, "min_moved"));
        storage().savePeer(user(43, null));
        storage().savePeer(user(43, "min_moved").toBuilder().min(true).accessHash(3).build());
        assertThat(storage().loadPeerByUsername("min_moved")).map(Peer::id).contains(43L);
        assertThat(storage().loadPeer(43).orElseThrow().accessHash()).isEqualTo(user(43, null).accessHash());
    }

}
