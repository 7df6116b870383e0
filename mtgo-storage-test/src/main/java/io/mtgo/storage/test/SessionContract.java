package io.mtgo.storage.test;

import java.util.Arrays;
import java.util.Locale;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.fullSession;
import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saving, loading and deleting sessions.
 */
public interface SessionContract extends ContractFixture {

    @Test
    default void saveSessionThenLoadSessionReturnsEveryField() {
        Session session = fullSession(storage().sessionName());
        storage().saveSession(session);
        Session loaded = storage().loadSession(session.name()).orElseThrow();
        assertThat(loaded).isEqualTo(session);
        assertThat(loaded.authKey()).isEqualTo(session.authKey());
        assertThat(loaded.apiHash()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(loaded.date()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    default void loadSessionReturnsEmptyWhenAbsent() {
        assertThat(storage().loadSession(newSessionName())).isEmpty();
    }

    @Test
    default void sessionWithoutOptionalFieldsRoundTrips() {
        Session bare = Session.builder(storage().sessionName()).dcId(1).build();
        storage().saveSession(bare);
        Session loaded = storage().loadSession(bare.name()).orElseThrow();
        assertThat(loaded).isEqualTo(bare);
        assertThat(loaded.authKey()).isNull();
        assertThat(loaded.serverAddress()).isNull();
        assertThat(loaded.apiHash()).isNull();
    }

    @Test
    default void saveSessionReplacesTheStoredSessionOfTheSameName() {
        String name = storage().sessionName();
        storage().saveSession(fullSession(name));
        Session moved = fullSession(name).toBuilder().dcId(2).serverAddress("2001:67c:4e8:f002::a").port(80).testMode(true).build();
        storage().saveSession(moved);
        assertThat(storage().loadSession(name)).contains(moved);
    }

    @Test
    default void anyStorageReadsAndWritesSessionsByName() {
        String other = newSessionName();
        Session session = fullSession(other);
        storage().saveSession(session);
        assertThat(storage().loadSession(other)).contains(session);
        assertThat(storage().forSession(other).loadSession(other)).contains(session);
    }

    @Test
    default void sessionNamesAreCaseSensitive() {
        String lower = track(newSessionName().toLowerCase(Locale.ROOT));
        String upper = track(lower.toUpperCase(Locale.ROOT));
        Session a = fullSession(lower);
        Session b = fullSession(upper).toBuilder().dcId(5).build();
        storage().saveSession(a);
        storage().saveSession(b);
        assertThat(storage().loadSession(lower)).contains(a);
        assertThat(storage().loadSession(upper)).contains(b);
    }

    @Test
    default void deleteSessionRemovesTheSessionAndEveryRecordScopedToIt() {
        Storage target = otherSession();
        String name = target.sessionName();
        target.saveSession(fullSession(name));
        target.savePeer(user(101, "deleted_user"));
        target.setUserId(5);
        target.setFirstName("Gone");
        target.setUpdateState(2, new byte[] { 1, 2, 3 });
        conversations(target).saveConversation(Conversation.builder(1, 2).step("ask").build());

        storage().deleteSession(name);

        assertThat(target.loadSession(name)).isEmpty();
        assertThat(target.loadPeer(101)).isEmpty();
        assertThat(target.loadPeerByUsername("deleted_user")).isEmpty();
        assertThat(target.getUserId()).isEmpty();
        assertThat(target.getFirstName()).isEmpty();
        assertThat(target.getUpdateState(2)).isEmpty();
        assertThat(conversations(target).loadConversation(1, 2)).isEmpty();
    }

    @Test
    default void deleteSessionLeavesOtherSessionsUntouched() {
        Storage doomed = otherSession();
        Storage kept = otherSession();
        for (Storage s : new Storage[] { doomed, kept }) {
            s.saveSession(fullSession(s.sessionName()));
            s.savePeer(user(7, "same_name"));
            s.setUserId(7);
            s.setUpdateState(1, new byte[] { 9 });
            conversations(s).saveConversation(Conversation.builder(3, 4).build());
        }
        storage().deleteSession(doomed.sessionName());

        assertThat(kept.loadSession(kept.sessionName())).isPresent();
        assertThat(kept.loadPeer(7)).isPresent();
        assertThat(kept.loadPeerByUsername("same_name")).isPresent();
        assertThat(kept.getUserId()).hasValue(7);
        assertThat(kept.getUpdateState(1)).hasValueSatisfying(state -> assertThat(state).containsExactly(9));
        assertThat(conversations(kept).loadConversation(3, 4)).isPresent();
    }

    @Test
    default void deleteSessionOfAnAbsentSessionDoesNothing() {
        storage().deleteSession(newSessionName());
        assertThat(storage().loadSession(storage().sessionName())).isEmpty();
    }

    @Test
    default void storedSessionIsUnaffectedByChangesToTheCallersArrays() {
        byte[] key = ContractFixture.randomAuthKey();
        Session session = Session.builder(storage().sessionName()).authKey(key).build();
        storage().saveSession(session);
        key[0] ^= 0x7f;
        byte[] loadedKey = java.util.Objects.requireNonNull(storage().loadSession(session.name()).orElseThrow().authKey());
        loadedKey[1] ^= 0x7f;
        assertThat(storage().loadSession(session.name()).orElseThrow().authKey())
            .isEqualTo(session.authKey())
            .isNotEqualTo(key);
        assertThat(Arrays.equals(session.authKey(), loadedKey)).isFalse();
    }

}
