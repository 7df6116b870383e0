package io.mtgo.storage.test;

import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Scope and closing.
 */
public interface LifecycleContract extends ContractFixture {

    @Test
    default void closeIsIdempotent() {
        Storage view = otherSession();
        view.close();
        view.close();
        assertThatIllegalStateException().isThrownBy(() -> view.loadPeer(1)).withMessageContaining("closed");
    }

    @Test
    default void closingAForSessionViewLeavesTheOriginalOpen() {
        Storage view = otherSession();
        view.savePeer(user(60, null));
        view.close();
        storage().savePeer(user(61, null));
        assertThat(storage().loadPeer(61)).isPresent();
        assertThat(storage().forSession(view.sessionName()).loadPeer(60)).isPresent();
    }

    @Test
    default void sessionNameIsTheScopeTheStorageWasCreatedFor() {
        String name = newSessionName();
        assertThat(storage().forSession(name).sessionName()).isEqualTo(name);
        assertThat(storage().sessionName()).startsWith("contract-");
    }

}
