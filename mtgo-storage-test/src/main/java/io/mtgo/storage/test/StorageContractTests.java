package io.mtgo.storage.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.mtgo.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract every {@link Storage} must pass. Extend it, implement
 * {@link #createStorage(String)}, and JUnit runs every behaviour of
 * {@link SessionContract}, {@link IsolationContract}, {@link PeerContract}, {@link PeerIdentityContract},
 * {@link UsernameContract}, {@link SavePeersContract}, {@link MetadataContract},
 * {@link UpdateStateContract}, {@link ConversationContract}, {@link InvalidArgumentContract},
 * {@link ConcurrencyContract}, {@link LifecycleContract}, {@link ExactRoundTripContract} and
 * {@link ContentsContract} against it.
 * <p>
 * Each test runs in fresh, randomly named sessions and deletes them afterwards, so the suite can
 * run against a shared database.
 */
public abstract class StorageContractTests implements SessionContract, IsolationContract, PeerContract, PeerIdentityContract,
        UsernameContract, SavePeersContract, MetadataContract, UpdateStateContract, ConversationContract, InvalidArgumentContract,
        ConcurrencyContract, LifecycleContract, ExactRoundTripContract, ContentsContract {

    private final List<String> sessionNames = new ArrayList<>();

    private Storage storage;

    /**
     * Creates the storage under test, scoped to {@code sessionName}. Called before every test.
     * @param sessionName a fresh session name
     * @return the storage
     */
    protected abstract Storage createStorage(String sessionName);

    @BeforeEach
    void openStorage() {
        this.storage = createStorage(newSessionName());
    }

    @AfterEach
    void deleteSessionsAndClose() {
        try {
            Storage cleaner = createStorage(this.sessionNames.get(0));
            try {
                this.sessionNames.forEach(cleaner::deleteSession);
            }
            finally {
                cleaner.close();
            }
        }
        finally {
            this.sessionNames.clear();
            this.storage.close();
        }
    }

    @Override
    public final Storage storage() {
        return this.storage;
    }

    @Override
    public final String newSessionName() {
        String name = "contract-" + UUID.randomUUID().toString().substring(0, 13);
        this.sessionNames.add(name);
        return name;
    }

    /**
     * Registers a session name chosen by a test for deletion after the test.
     * @param name the session name
     * @return the name
     */
    @Override
    public final String track(String name) {
        this.sessionNames.add(name);
        return name;
    }

}
