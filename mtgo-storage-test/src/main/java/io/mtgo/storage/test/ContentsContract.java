package io.mtgo.storage.test;

import java.util.List;
import java.util.Map;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import io.mtgo.storage.StorageCopy;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.fullSession;
import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StorageContents}: a storage lists what it holds, scoped to its session, and
 * {@link StorageCopy} moves all of it to another backend.
 */
public interface ContentsContract extends ContractFixture {

    private StorageContents contents(Storage storage) {
        return (StorageContents) storage;
    }

    @Test
    default void listsSessionsAndTheScopedPeersStatesAndConversations() {
        Storage storage = storage();
        Storage other = otherSession();
        storage.saveSession(fullSession(storage.sessionName()));
        other.saveSession(fullSession(other.sessionName()));
        storage.savePeers(List.of(user(1, "listed_one"), user(2, null)));
        other.savePeer(user(3, "other_one"));
        storage.setUpdateState(1, new byte[] { 1 });
        storage.setUpdateState(4, new byte[0]);
        storage.setFirstName("not a state");
        conversations().saveConversation(Conversation.builder(7, 8).step("a").createdAt(1).updatedAt(2).build());

        assertThat(contents(storage).sessionNames()).contains(storage.sessionName(), other.sessionName());
        assertThat(contents(storage).allPeers()).containsExactlyInAnyOrder(user(1, "listed_one"), user(2, null));
        Map<Integer, byte[]> states = contents(storage).allUpdateStates();
        assertThat(states).containsOnlyKeys(1, 4);
        assertThat(states.get(1)).containsExactly(1);
        assertThat(states.get(4)).isEmpty();
        assertThat(contents(storage).allConversations())
            .containsExactly(Conversation.builder(7, 8).step("a").createdAt(1).updatedAt(2).build());
        assertThat(contents(other).allPeers()).containsExactly(user(3, "other_one"));
        assertThat(contents(other).allConversations()).isEmpty();
    }

    @Test
    default void storageCopyMovesEverythingToAnotherBackend() {
        Storage storage = storage();
        Session session = fullSession(storage.sessionName());
        storage.saveSession(session);
        storage.savePeers(List.of(user(11, "copied_user"), user(12, null)));
        storage.setUserId(99);
        storage.setIsBot(true);
        storage.setUsername("copied_bot");
        storage.setUpdateState(2, new byte[] { 5, 6 });
        Conversation conversation = Conversation.builder(1, 2).name("n").step("s").createdAt(3).updatedAt(4).build();
        conversations().saveConversation(conversation);

        try (Storage target = Storages.memory("copy-target")) {
            StorageCopy.Counts counts = StorageCopy.copy(storage, target);
            assertThat(counts.sessions()).isGreaterThanOrEqualTo(1);
            Storage copied = target.forSession(storage.sessionName());
            assertThat(copied.loadSession(session.name())).contains(session);
            assertThat(copied.loadPeer(11)).contains(user(11, "copied_user"));
            assertThat(copied.loadPeerByUsername("COPIED_USER")).isPresent();
            assertThat(copied.loadPeer(12)).isPresent();
            assertThat(copied.getUserId()).hasValue(99);
            assertThat(copied.getIsBot()).contains(true);
            assertThat(copied.getUsername()).contains("copied_bot");
            assertThat(copied.getUpdateState(2)).hasValueSatisfying(state -> assertThat(state).containsExactly(5, 6));
            assertThat(((ConversationStore) copied).loadConversation(1, 2)).contains(conversation);
        }
    }

}
