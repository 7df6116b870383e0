package io.mtgo.storage.memory;

import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A read by a name that is a stored key as it stands skips the validation
 * ({@code AbstractStorage#doFindPeerByStoredKey}); every other name is validated and read as before,
 * and the shortcut changes nothing a caller can see.
 */
class MemoryUsernameReadTests {

    private final List<String> operations = new ArrayList<>();

    private final Storage storage = MemoryStorage.builder()
        .sessionName("bot")
        .observer((backend, operation, nanos, failure) -> this.operations.add(operation + (failure != null ? " failed" : "")))
        .build();

    private final Peer alice = Peer.builder(1, PeerType.USER).accessHash(10).username("Alice_Smith").build();

    @Test
    void aStoredKeyAnotherCaseAndALeadingAtFindThePeerEachReportedOnce() {
        this.storage.savePeer(this.alice);
        Peer stored = this.storage.loadPeer(PeerType.USER, 1).orElseThrow();
        this.operations.clear();

        assertThat(this.storage.loadPeerByUsername("alice_smith")).containsSame(stored);
        assertThat(this.storage.loadPeerByUsername("ALICE_SMITH")).containsSame(stored);
        assertThat(this.storage.loadPeerByUsername("@alice_smith")).containsSame(stored);
        assertThat(this.storage.loadPeerByUsername("nobody_here")).isEmpty();

        assertThat(this.operations).containsExactly("loadPeerByUsername", "loadPeerByUsername", "loadPeerByUsername",
                "loadPeerByUsername");
    }

    @Test
    void invalidNamesFailWhateverIsStored() {
        this.storage.savePeer(this.alice);

        assertThatIllegalArgumentException().isThrownBy(() -> this.storage.loadPeerByUsername("alice smith")).withMessageContaining("username");
        assertThatIllegalArgumentException().isThrownBy(() -> this.storage.loadPeerByUsername("@@alice_smith"))
            .withMessageContaining("username");
        assertThatIllegalArgumentException().isThrownBy(() -> this.storage.loadPeerByUsername("a".repeat(100_000)))
            .withMessageContaining("username");
        assertThatIllegalArgumentException().isThrownBy(() -> this.storage.loadPeerByUsername(null)).withMessageContaining("username");
    }

    @Test
    void aNameGivenUpOrDeletedIsNotFoundAndAClosedStorageAnswersNothing() {
        this.storage.savePeer(this.alice);
        this.storage.savePeer(this.alice.toBuilder().username("alice_new").build());
        assertThat(this.storage.loadPeerByUsername("alice_smith")).isEmpty();

        this.storage.deletePeer(PeerType.USER, 1);
        assertThat(this.storage.loadPeerByUsername("alice_new")).isEmpty();

        this.storage.savePeer(this.alice);
        this.storage.close();
        assertThatIllegalStateException().isThrownBy(() -> this.storage.loadPeerByUsername("alice_smith")).withMessageContaining("closed");
    }

}
