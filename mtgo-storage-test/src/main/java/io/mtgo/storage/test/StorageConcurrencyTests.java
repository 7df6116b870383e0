package io.mtgo.storage.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load test every backend must pass: {@value #THREADS} threads each doing
 * {@value #OPERATIONS_PER_THREAD} mixed operations on overlapping keys (peer upserts with usernames
 * moving between peers, batches, metadata, update state, conversations, reads). Afterwards every
 * acknowledged write is visible and the username index is consistent.
 * <p>
 * "Visible" for a key several threads wrote means: the stored value is the last value one of the
 * threads wrote to it (a thread's earlier value cannot win over its own later one). Keys written by
 * one thread only must hold exactly its last value.
 * <p>
 * Extend it and implement {@link #createStorage(String)}, as with {@link StorageContractTests}.
 */
public abstract class StorageConcurrencyTests {

    /** Writer threads. */
    public static final int THREADS = 8;

    /** Operations per thread. */
    public static final int OPERATIONS_PER_THREAD = 5_000;

    private static final int SHARED_PEERS = 48;

    private static final int CONTESTED_USERNAMES = 16;

    private static final int OWN_PEERS = 8;

    private static final int SHARED_DCS = 4;

    private static final int SHARED_CHATS = 8;

    private Storage storage;

    /**
     * Creates the storage under test, scoped to {@code sessionName}.
     * @param sessionName a fresh session name
     * @return the storage
     */
    protected abstract Storage createStorage(String sessionName);

    @BeforeEach
    void openStorage() {
        this.storage = createStorage("concurrency-" + UUID.randomUUID().toString().substring(0, 13));
    }

    @AfterEach
    void deleteSessionAndClose() {
        try {
            this.storage.deleteSession(this.storage.sessionName());
        }
        finally {
            this.storage.close();
        }
    }

    @Test
    void eightThreadsOfMixedOperationsLoseNothingAndKeepUsernamesConsistent() throws Exception {
        List<Map<String, String>> acknowledged = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            acknowledged.add(new HashMap<>());
        }
        ConcurrentThreads.run(THREADS, Duration.ofMinutes(10), thread -> {
            Writer writer = new Writer(this.storage, thread, acknowledged.get(thread));
            for (int i = 1; i <= OPERATIONS_PER_THREAD; i++) {
                writer.operation(i);
            }
        });

        Map<String, Set<String>> candidates = new HashMap<>();
        acknowledged.forEach(ledger -> ledger.forEach((key, value) -> candidates.computeIfAbsent(key, k -> new HashSet<>()).add(value)));
        assertThat(candidates).as("keys written").hasSizeGreaterThan(SHARED_PEERS);
        candidates.forEach((key, values) -> assertThat(read(key)).as("stored value of %s (acknowledged last values %s)", key, values)
            .isPresent()
            .get()
            .isIn(values));
        assertUsernameIndexConsistent();
    }

    /** The stored value of a ledger key, in the form {@link Writer} records it. */
    private Optional<String> read(String key) {
        String[] parts = key.split(":");
        ConversationStore conversations = (ConversationStore) this.storage;
        return switch (parts[0]) {
            case "peer" -> this.storage.loadPeer(Long.parseLong(parts[1])).map(peer -> Long.toString(peer.accessHash()));
            case "state" -> this.storage.getUpdateState(Integer.parseInt(parts[1])).map(state -> new String(state, StandardCharsets.UTF_8));
            case "firstName" -> this.storage.getFirstName();
            case "userId" -> this.storage.getUserId().isPresent() ? Optional.of(Long.toString(this.storage.getUserId().getAsLong()))
                    : Optional.empty();
            case "conversation" -> conversations.loadConversation(Long.parseLong(parts[1]), 1).map(Conversation::step);
            case "ownUsername" -> this.storage.loadPeerByUsername(parts[1]).map(peer -> Long.toString(peer.id()));
            default -> throw new IllegalStateException("unknown ledger key " + key);
        };
    }

    /** No username held by two peers, and every holder found by its username (no stale entry). */
    private void assertUsernameIndexConsistent() {
        List<Peer> peers = (this.storage instanceof StorageContents contents) ? contents.allPeers() : loadKnownPeers();
        assertThat(peers).as("stored peers").hasSizeGreaterThanOrEqualTo(SHARED_PEERS);
        Map<String, Long> holders = new HashMap<>();
        for (Peer peer : peers) {
            if (peer.username() != null) {
                Long previous = holders.put(peer.username().toLowerCase(Locale.ROOT), peer.id());
                assertThat(previous).as("username %s held by peers %s and %d", peer.username(), previous, peer.id()).isNull();
                assertThat(this.storage.loadPeerByUsername(peer.username())).as("lookup of %s", peer.username())
                    .map(Peer::id)
                    .contains(peer.id());
            }
        }
        for (int n = 0; n < CONTESTED_USERNAMES; n++) {
            String name = contestedUsername(n);
            this.storage.loadPeerByUsername(name)
                .ifPresent(holder -> assertThat(holders.get(name)).as("index entry of %s points at its holder", name).isEqualTo(holder.id()));
        }
        assertThat(holders.keySet()).as("contested usernames still held").anyMatch(name -> name.startsWith("contested_"));
    }

    private List<Peer> loadKnownPeers() {
        List<Peer> peers = new ArrayList<>();
        for (long id = 1; id <= SHARED_PEERS; id++) {
            this.storage.loadPeer(id).ifPresent(peers::add);
        }
        for (int thread = 0; thread < THREADS; thread++) {
            for (int k = 0; k < OWN_PEERS; k++) {
                this.storage.loadPeer(ownPeerId(thread, k)).ifPresent(peers::add);
            }
        }
        return peers;
    }

    private static String contestedUsername(int n) {
        return "contested_" + n;
    }

    private static long ownPeerId(int thread, int k) {
        return 1_000_000L * (thread + 1) + k;
    }

    /**
     * One thread's operations, chosen by a seeded random so a failure can be replayed. Records, per
     * key, the last value a call returned normally for.
     */
    private static final class Writer {

        private final Storage storage;

        private final ConversationStore conversations;

        private final int thread;

        private final Map<String, String> ledger;

        private final Random random;

        Writer(Storage storage, int thread, Map<String, String> ledger) {
            this.storage = storage;
            this.conversations = (ConversationStore) storage;
            this.thread = thread;
            this.ledger = ledger;
            this.random = new Random(thread * 7_919L);
        }

        void operation(int i) {
            long value = this.thread * 10_000_000L + i;
            int kind = this.random.nextInt(20);
            if (kind < 7) {
                saveSharedPeer(value);
            }
            else if (kind < 9) {
                saveBatch(value);
            }
            else if (kind < 11) {
                saveOwnPeer(value);
            }
            else if (kind < 13) {
                int dcId = (kind == 11) ? 1 + this.random.nextInt(SHARED_DCS) : 100 + this.thread;
                this.storage.setUpdateState(dcId, Long.toString(value).getBytes(StandardCharsets.UTF_8));
                this.ledger.put("state:" + dcId, Long.toString(value));
            }
            else if (kind < 15) {
                writeMetadata(kind, value);
            }
            else if (kind < 17) {
                long chatId = (kind == 15) ? 1 + this.random.nextInt(SHARED_CHATS) : -(this.thread + 1);
                this.conversations.saveConversation(Conversation.builder(chatId, 1).step(Long.toString(value)).data(Map.of("i", Integer.toString(i))).build());
                this.ledger.put("conversation:" + chatId, Long.toString(value));
            }
            else {
                readWhileOthersWrite();
            }
        }

        private void saveSharedPeer(long value) {
            Peer peer = sharedPeer(1 + this.random.nextInt(SHARED_PEERS), value);
            this.storage.savePeer(peer);
            this.ledger.put("peer:" + peer.id(), Long.toString(value));
        }

        /** Four shared peers and one of this thread's own, in one call. */
        private void saveBatch(long value) {
            List<Peer> batch = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                batch.add(sharedPeer(1 + this.random.nextInt(SHARED_PEERS), value));
            }
            batch.add(ownPeer(this.random.nextInt(OWN_PEERS), value));
            this.storage.savePeers(batch);
            // A repeated id in one batch: its last occurrence wins, and all of them carry this value.
            batch.forEach(peer -> this.ledger.put("peer:" + peer.id(), Long.toString(value)));
            recordOwnUsername(batch.get(4));
        }

        private void saveOwnPeer(long value) {
            Peer peer = ownPeer(this.random.nextInt(OWN_PEERS), value);
            this.storage.savePeer(peer);
            this.ledger.put("peer:" + peer.id(), Long.toString(value));
            recordOwnUsername(peer);
        }

        /** Shared peers take a contested username three times in four, in varying case. */
        private Peer sharedPeer(long id, long value) {
            String username = null;
            if (this.random.nextInt(4) != 0) {
                String name = contestedUsername(this.random.nextInt(CONTESTED_USERNAMES));
                username = this.random.nextBoolean() ? name : name.toUpperCase(Locale.ROOT);
            }
            return Peer.builder(id, PeerType.USER).accessHash(value).username(username).firstName("t" + this.thread).build();
        }

        /** This thread's own peers keep one username each, which only this thread writes. */
        private Peer ownPeer(int k, long value) {
            return Peer.builder(ownPeerId(this.thread, k), PeerType.USER)
                .accessHash(value)
                .username("own_" + this.thread + "_" + k)
                .build();
        }

        private void recordOwnUsername(Peer peer) {
            this.ledger.put("ownUsername:" + peer.username(), Long.toString(peer.id()));
        }

        private void writeMetadata(int kind, long value) {
            if (kind == 13) {
                this.storage.setFirstName(Long.toString(value));
                this.ledger.put("firstName", Long.toString(value));
            }
            else {
                this.storage.setUserId(value);
                this.ledger.put("userId", Long.toString(value));
            }
        }

        /** A read racing the writers sees a whole row: the username it was found by is the row's. */
        private void readWhileOthersWrite() {
            String name = contestedUsername(this.random.nextInt(CONTESTED_USERNAMES));
            this.storage.loadPeerByUsername(name).ifPresent(peer -> assertThat(peer.username()).isEqualToIgnoringCase(name));
            this.storage.loadPeer(1 + this.random.nextInt(SHARED_PEERS));
        }

    }

}
