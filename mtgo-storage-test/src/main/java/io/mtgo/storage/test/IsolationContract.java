package io.mtgo.storage.test;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing saved through one session name is visible through another.
 */
public interface IsolationContract extends ContractFixture {

    @Test
    default void peersAreIsolatedBetweenSessions() {
        Storage other = otherSession();
        storage().savePeer(user(1, "isolated_one"));
        assertThat(other.loadPeer(1)).isEmpty();
        assertThat(other.loadPeerByUsername("isolated_one")).isEmpty();
    }

    @Test
    default void sameUsernameBelongsToDifferentPeersInDifferentSessions() {
        Storage other = otherSession();
        storage().savePeer(user(1, "shared_name"));
        other.savePeer(user(2, "shared_name"));
        assertThat(storage().loadPeerByUsername("shared_name")).map(Peer::id).contains(1L);
        assertThat(other.loadPeerByUsername("shared_name")).map(Peer::id).contains(2L);
        assertThat(storage().loadPeer(1)).map(Peer::username).contains("shared_name");
    }

    @Test
    default void metadataIsIsolatedBetweenSessions() {
        Storage other = otherSession();
        storage().setUserId(42);
        storage().setIsBot(true);
        storage().setFirstName("Alice");
        storage().setLastName("Liddell");
        storage().setUsername("alice_bot");
        assertThat(other.getUserId()).isEmpty();
        assertThat(other.getIsBot()).isEmpty();
        assertThat(other.getFirstName()).isEmpty();
        assertThat(other.getLastName()).isEmpty();
        assertThat(other.getUsername()).isEmpty();
    }

    @Test
    default void updateStateAndConversationsAreIsolatedBetweenSessions() {
        Storage other = otherSession();
        storage().setUpdateState(2, new byte[] { 1 });
        conversations().saveConversation(Conversation.builder(10, 20).step("one").build());
        assertThat(other.getUpdateState(2)).isEmpty();
        assertThat(conversations(other).loadConversation(10, 20)).isEmpty();
    }

    @Test
    default void sessionNamesWithBackendMetacharactersCannotReachOtherSessions() {
        String base = newSessionName();
        String[] tricky = { base + ":*", base + "}{x", base + "%", base + "' OR '1'='1", base + " two words", base + "\\" };
        Storage plain = storage().forSession(base);
        plain.savePeer(user(5, "plain_peer"));
        plain.setUserId(5);
        for (String name : tricky) {
            Storage s = storage().forSession(track(name));
            assertThat(s.loadPeer(5)).as(name).isEmpty();
            assertThat(s.loadPeerByUsername("plain_peer")).as(name).isEmpty();
            assertThat(s.getUserId()).as(name).isEmpty();
            s.savePeer(user(6, "tricky_peer"));
            s.deleteSession(name);
        }
        assertThat(plain.loadPeer(5)).isPresent();
        assertThat(plain.getUserId()).hasValue(5);
        assertThat(plain.loadPeer(6)).isEmpty();
    }

    @Test
    default void forSessionSeesWhatAnotherStorageOfThatSessionWrote() {
        String name = newSessionName();
        storage().forSession(name).savePeer(user(77, "seen_twice"));
        assertThat(storage().forSession(name).loadPeer(77)).isPresent();
        assertThat(storage().forSession(name).sessionName()).isEqualTo(name);
        assertThat(storage().loadPeer(77)).isEmpty();
    }

}
