package io.mtgo.storage.test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;

import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads writing at once lose nothing and leave the username index consistent.
 */
public interface ConcurrencyContract extends ContractFixture {

    /** Threads per concurrency test. */
    int THREADS = 4;

    @Test
    default void concurrentWritersLoseNothing() throws Exception {
        int perThread = 60;
        runConcurrently(thread -> {
            Storage storage = storage();
            for (int i = 0; i < perThread; i++) {
                long id = 10_000L * (thread + 1) + i;
                storage.savePeer(user(id, "t" + thread + "_peer_" + i));
                storage.setUpdateState(thread + 1, new byte[] { (byte) i });
                conversations().saveConversation(Conversation.builder(thread, i).step("s" + i).build());
            }
        });
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < perThread; i++) {
                long id = 10_000L * (thread + 1) + i;
                assertThat(storage().loadPeer(id)).as("peer %d", id).isPresent();
                assertThat(storage().loadPeerByUsername("t" + thread + "_peer_" + i)).map(Peer::id).contains(id);
                assertThat(conversations().loadConversation(thread, i)).map(Conversation::step).contains("s" + i);
            }
            assertThat(storage().getUpdateState(thread + 1)).hasValueSatisfying(s -> assertThat(s).containsExactly(perThread - 1));
        }
    }

    @Test
    default void concurrentUsernameMovesLeaveOneHolderPerUsername() throws Exception {
        int rounds = 40;
        String[] names = { "contested_a", "contested_b", "contested_c" };
        runConcurrently(thread -> {
            for (int i = 0; i < rounds; i++) {
                long id = 1 + (thread + i) % 6;
                String name = names[(thread * 7 + i) % names.length];
                if (i % 5 == 4) {
                    storage().savePeers(List.of(user(id, name), user(id + 6, names[(i + 1) % names.length])));
                }
                else {
                    storage().savePeer(user(id, name));
                }
            }
        });
        Set<Long> holders = new HashSet<>();
        for (String name : names) {
            Optional<Peer> holder = storage().loadPeerByUsername(name);
            holder.ifPresent(peer -> {
                assertThat(peer.username()).isEqualToIgnoringCase(name);
                assertThat(holders.add(peer.id())).as("%s held by a peer that holds another name", name).isTrue();
                assertThat(storage().loadPeer(peer.id())).map(Peer::username).contains(peer.username());
            });
        }
        for (long id = 1; id <= 12; id++) {
            Optional<Peer> peer = storage().loadPeer(id);
            if (peer.isPresent() && peer.get().username() != null) {
                assertThat(storage().loadPeerByUsername(peer.get().username())).as("peer %d", id).map(Peer::id).contains(id);
            }
        }
        assertThat(holders).isNotEmpty();
    }

    /**
     * Runs the same work on {@link #THREADS} threads that start together, failing on the first error.
     * @param work the work, given the thread's index
     * @throws Exception when a thread failed
     */
    default void runConcurrently(ConcurrentThreads.ThreadWork work) throws Exception {
        ConcurrentThreads.run(THREADS, Duration.ofMinutes(5), work);
    }

}
