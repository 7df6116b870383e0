package io.mtgo.storage.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;

/**
 * A background thread writing through one {@link Storage} the way a busy client does: peers with
 * usernames, peer batches, update states, sessions, metadata and conversations, in turn and
 * overwriting earlier values. Every write that returns normally is recorded in
 * {@link AcknowledgedWrites}; the load ends at its first failed write, which it keeps as the
 * failure to inspect.
 */
final class FaultLoad {

    /** Kinds of writes, one per step in turn, so every kind is acknowledged many times. */
    static final List<String> KINDS = List.of("savePeer", "savePeers", "setUpdateState", "saveSession", "setFirstName",
            "setUserId", "saveConversation");

    static final String OTHER_SESSION = "fault-other-session";

    private final Storage storage;

    private final AcknowledgedWrites writes = new AcknowledgedWrites();

    private final Thread thread;

    private volatile Throwable failure;

    private FaultLoad(Storage storage) {
        this.storage = storage;
        this.thread = new Thread(this::writeUntilFailure, "fault-load");
        this.thread.setDaemon(true);
    }

    static FaultLoad start(Storage storage) {
        FaultLoad load = new FaultLoad(storage);
        load.thread.start();
        return load;
    }

    AcknowledgedWrites writes() {
        return this.writes;
    }

    Throwable failure() {
        return this.failure;
    }

    boolean isRunning() {
        return this.thread.isAlive();
    }

    /** Waits until the load has had enough writes acknowledged; fails if it stopped before. */
    void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.writes.count() < count) {
            if (!isRunning()) {
                throw new AssertionError("the load stopped after " + this.writes.count()
                        + " acknowledged writes, before the server was stopped", this.failure);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + this.writes.count() + " writes acknowledged within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits for the load to end on its first failed write. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        this.thread.join(timeout.toMillis());
        if (this.thread.isAlive()) {
            throw new AssertionError("the load still had its writes acknowledged " + timeout + " after the server was stopped");
        }
    }

    private void writeUntilFailure() {
        for (int step = 0;; step++) {
            Write write = write(step);
            try {
                write.action().accept(this.storage);
            }
            catch (Throwable ex) {
                this.writes.markInDoubt(write);
                this.failure = ex;
                return;
            }
            this.writes.acknowledge(write);
        }
    }

    private static Write write(int step) {
        return switch (KINDS.get(step % KINDS.size())) {
            case "savePeer" -> {
                Peer peer = peer(1 + step % 40, step);
                yield new Write("savePeer", storage -> storage.savePeer(peer), peerEffects(peer));
            }
            case "savePeers" -> {
                List<Peer> batch = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    batch.add(peer(1_000 + (step % 20) * 3 + i, step));
                }
                List<Write.Effect> effects = new ArrayList<>();
                batch.forEach(peer -> effects.addAll(peerEffects(peer)));
                yield new Write("savePeers", storage -> storage.savePeers(batch), effects);
            }
            case "setUpdateState" -> {
                int dcId = 1 + step % 4;
                String state = "state-" + step;
                yield new Write("setUpdateState",
                        storage -> storage.setUpdateState(dcId, state.getBytes(StandardCharsets.UTF_8)),
                        List.of(new Write.Effect("updateState:" + dcId, state, storage -> storage.getUpdateState(dcId)
                            .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                            .orElse(Write.ABSENT))));
            }
            case "saveSession" -> {
                Session session = session((step % 2 == 0) ? FaultScenario.SESSION : OTHER_SESSION, step);
                yield new Write("saveSession", storage -> storage.saveSession(session),
                        List.of(new Write.Effect("session:" + session.name(), fingerprint(session),
                                storage -> storage.loadSession(session.name())
                                    .map(FaultLoad::fingerprint)
                                    .orElse(Write.ABSENT))));
            }
            case "setFirstName" -> {
                String name = "First" + step;
                yield new Write("setFirstName", storage -> storage.setFirstName(name), List.of(new Write.Effect(
                        "metadata:firstName", name, storage -> storage.getFirstName().orElse(Write.ABSENT))));
            }
            case "setUserId" -> new Write("setUserId", storage -> storage.setUserId(step),
                    List.of(new Write.Effect("metadata:userId", Integer.toString(step), storage -> {
                        var userId = storage.getUserId();
                        return userId.isPresent() ? Long.toString(userId.getAsLong()) : Write.ABSENT;
                    })));
            case "saveConversation" -> {
                Conversation conversation = Conversation.builder(-100 - step % 10, 7)
                    .name("order")
                    .step("step-" + step)
                    .data(Map.of("step", Integer.toString(step)))
                    .createdAt(1)
                    .updatedAt(1 + step)
                    .build();
                yield new Write("saveConversation",
                        storage -> ((ConversationStore) storage).saveConversation(conversation),
                        List.of(new Write.Effect("conversation:" + conversation.chatId(), fingerprint(conversation),
                                storage -> ((ConversationStore) storage)
                                    .loadConversation(conversation.chatId(), conversation.userId())
                                    .map(FaultLoad::fingerprint)
                                    .orElse(Write.ABSENT))));
            }
            default -> throw new IllegalStateException("unknown kind of write");
        };
    }

    private static Peer peer(long id, int step) {
        return Peer.builder(id, PeerType.USER)
            .accessHash(step * 31L + id)
            .username("fault_user_" + id)
            .firstName("v" + step)
            .build();
    }

    private static List<Write.Effect> peerEffects(Peer peer) {
        String username = peer.username();
        return List.of(
                new Write.Effect("peer:" + peer.id(), fingerprint(peer),
                        storage -> storage.loadPeer(peer.id()).map(FaultLoad::fingerprint).orElse(Write.ABSENT)),
                new Write.Effect("username:" + username, fingerprint(peer),
                        storage -> storage.loadPeerByUsername(username.toUpperCase())
                            .map(FaultLoad::fingerprint)
                            .orElse(Write.ABSENT)));
    }

    /** A session whose 256-byte auth key is derived from the step; only its hash appears in messages. */
    private static Session session(String name, int step) {
        byte[] authKey = new byte[256];
        Arrays.fill(authKey, (byte) step);
        authKey[0] = (byte) (step >> 8);
        return Session.builder(name)
            .dcId(1 + step % 5)
            .serverAddress("149.154.167." + (step % 200))
            .port(443)
            .authKey(authKey)
            .apiId(10_000 + step)
            .date(1_700_000_000_000L + step)
            .build();
    }

    private static String fingerprint(Peer peer) {
        return "id=" + peer.id() + " accessHash=" + peer.accessHash() + " username=" + peer.username() + " firstName="
                + peer.firstName();
    }

    private static String fingerprint(Session session) {
        return "dc=" + session.dcId() + " address=" + session.serverAddress() + " apiId=" + session.apiId() + " date="
                + session.date() + " authKeyHash=" + Arrays.hashCode(session.authKey());
    }

    private static String fingerprint(Conversation conversation) {
        return "name=" + conversation.name() + " step=" + conversation.step() + " data=" + conversation.data();
    }

}
