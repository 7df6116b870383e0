package io.mtgo.storage.test;

import java.util.concurrent.ThreadLocalRandom;

import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;

/**
 * What every contract interface needs from the test class: the storage under test and fresh
 * session names. Implemented by {@link StorageContractTests}.
 */
public interface ContractFixture {

    /**
     * Returns the storage under test, scoped to a session name unique to the running test.
     * @return the storage
     */
    Storage storage();

    /**
     * Returns the storage under test as a {@link ConversationStore}.
     * @return the conversation store
     */
    default ConversationStore conversations() {
        return conversations(storage());
    }

    /**
     * Returns a storage's conversation store. Every built-in storage is one; override for a
     * storage that keeps conversations elsewhere.
     * @param storage a storage
     * @return its conversation store
     */
    default ConversationStore conversations(Storage storage) {
        return (ConversationStore) storage;
    }

    /**
     * Returns a new session name unique to this test; its data is deleted after the test.
     * @return the session name
     */
    String newSessionName();

    /**
     * Registers a session name a test chose itself, so its data is deleted after the test.
     * @param name the session name
     * @return the name
     */
    String track(String name);

    /**
     * Returns a storage for a new unique session, over the same connections as {@link #storage()}.
     * @return the storage
     */
    default Storage otherSession() {
        return storage().forSession(newSessionName());
    }

    /**
     * A random 256-byte auth key.
     * @return the key
     */
    static byte[] randomAuthKey() {
        byte[] key = new byte[256];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    /**
     * A session with every field set.
     * @param name the session name
     * @return the session
     */
    static Session fullSession(String name) {
        return Session.builder(name)
            .dcId(4)
            .serverAddress("149.154.167.91")
            .port(443)
            .testMode(false)
            .authKey(randomAuthKey())
            .apiId(123456)
            .apiHash("0123456789abcdef0123456789abcdef")
            .date(1_700_000_000_123L)
            .build();
    }

    /**
     * A full user peer with every field set.
     * @param id the id
     * @param username the username, or {@code null}
     * @return the peer
     */
    static Peer user(long id, @Nullable String username) {
        return Peer.builder(id, PeerType.USER)
            .accessHash(id * 7919 + 1)
            .username(username)
            .firstName("First " + id)
            .lastName("Last " + id)
            .phoneNumber("7999" + Math.abs(id % 10_000_000))
            .language("en")
            .photoId(id + 5)
            .lastUpdated(1_700_000_000_000L)
            .build();
    }

}
