package io.mtgo.storage.faults;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import io.mtgo.storage.StorageException;
import org.assertj.core.api.SoftAssertions;

/**
 * Calls every operation of {@link Storage}, {@link ConversationStore} and {@link StorageContents}
 * while the server is down, and records, softly, each one that does not throw a
 * {@link StorageException}: an empty result during an outage would tell a client that its session
 * or peers are gone. The operations run in parallel, since each one may wait for a client timeout
 * (about two seconds) before failing. The probe's writes use keys the load never writes, so that
 * {@link #assertProbeWritesAbsent} can tell if a failed write took effect after all.
 */
final class OutageProbe {

    private static final String PROBE_SESSION = "fault-probe-session";

    private static final long PROBE_PEER = 999_999;

    private static final int PROBE_DC = 5;

    private static final long PROBE_CHAT = -999;

    private static final long PROBE_USER = 99;

    private static final long WAIT_SECONDS = 20;

    private OutageProbe() {
    }

    /** Every read and write operation, by name. */
    static Map<String, Function<Storage, Object>> operations() {
        Map<String, Function<Storage, Object>> operations = new LinkedHashMap<>();
        Peer peer = Peer.builder(PROBE_PEER, PeerType.USER).accessHash(1).username("fault_probe").build();
        operations.put("saveSession", storage -> returned(() -> storage.saveSession(Session.builder(PROBE_SESSION).build())));
        operations.put("loadSession", storage -> storage.loadSession(FaultScenario.SESSION));
        operations.put("deleteSession", storage -> returned(() -> storage.deleteSession(PROBE_SESSION)));
        operations.put("savePeer", storage -> returned(() -> storage.savePeer(peer)));
        operations.put("savePeers", storage -> returned(() -> storage.savePeers(List.of(peer,
                Peer.builder(PROBE_PEER + 1, PeerType.CHANNEL).accessHash(2).build()))));
        operations.put("loadPeer", storage -> storage.loadPeer(PeerType.USER, 1));
        operations.put("loadPeerByUsername", storage -> storage.loadPeerByUsername("fault_user_1"));
        operations.put("deletePeer", storage -> returned(() -> storage.deletePeer(PeerType.USER, PROBE_PEER + 2)));
        operations.put("setUserId", storage -> returned(() -> storage.forSession(PROBE_SESSION).setUserId(1)));
        operations.put("getUserId", Storage::getUserId);
        operations.put("setIsBot", storage -> returned(() -> storage.setIsBot(true)));
        operations.put("getIsBot", Storage::getIsBot);
        operations.put("setFirstName", storage -> returned(() -> storage.forSession(PROBE_SESSION).setFirstName("Probe")));
        operations.put("getFirstName", Storage::getFirstName);
        operations.put("setLastName", storage -> returned(() -> storage.setLastName("Probe")));
        operations.put("getLastName", Storage::getLastName);
        operations.put("setUsername", storage -> returned(() -> storage.setUsername("fault_probe_me")));
        operations.put("getUsername", Storage::getUsername);
        operations.put("setUpdateState", storage -> returned(
                () -> storage.setUpdateState(PROBE_DC, "probe".getBytes(StandardCharsets.UTF_8))));
        operations.put("getUpdateState", storage -> storage.getUpdateState(1));
        operations.put("saveConversation", storage -> returned(() -> conversations(storage)
            .saveConversation(Conversation.builder(PROBE_CHAT, PROBE_USER).step("probe").build())));
        operations.put("loadConversation", storage -> conversations(storage).loadConversation(-100, 7));
        operations.put("deleteConversation", storage -> returned(() -> conversations(storage).deleteConversation(-101, 99)));
        operations.put("sessionNames", storage -> contents(storage).sessionNames());
        operations.put("allPeers", storage -> contents(storage).allPeers());
        operations.put("allUpdateStates", storage -> contents(storage).allUpdateStates());
        operations.put("allConversations", storage -> contents(storage).allConversations());
        return operations;
    }

    /** Runs every operation during the outage; each must end in a StorageException carrying its cause. */
    static void assertEveryOperationFails(Storage storage, SoftAssertions softly) throws InterruptedException {
        Map<String, Function<Storage, Object>> operations = operations();
        ExecutorService executor = Executors.newFixedThreadPool(operations.size());
        try {
            Map<String, Future<Object>> results = new LinkedHashMap<>();
            operations.forEach((name, operation) -> results.put(name, executor.submit(() -> operation.apply(storage))));
            for (Map.Entry<String, Future<Object>> result : results.entrySet()) {
                Outcome outcome = outcome(result.getValue());
                softly.assertThat(outcome.thrown())
                    .as("%s during the outage: %s", result.getKey(), outcome)
                    .isInstanceOf(StorageException.class);
                if (outcome.thrown() instanceof StorageException failure) {
                    softly.assertThat(failure.getCause()).as("cause of the StorageException of %s", result.getKey())
                        .isNotNull();
                    softly.assertThat(failure.getMessage()).as("message of the StorageException of %s", result.getKey())
                        .contains(result.getKey());
                }
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    /** After the restart: none of the probe's failed writes may have taken effect later. */
    static void assertProbeWritesAbsent(Storage storage, SoftAssertions softly) {
        List<Object> leftovers = new ArrayList<>();
        storage.loadSession(PROBE_SESSION).ifPresent(leftovers::add);
        storage.loadPeer(PeerType.USER, PROBE_PEER).ifPresent(leftovers::add);
        storage.loadPeer(PeerType.CHANNEL, PROBE_PEER + 1).ifPresent(leftovers::add);
        storage.getIsBot().ifPresent(leftovers::add);
        storage.getLastName().ifPresent(leftovers::add);
        storage.getUsername().ifPresent(leftovers::add);
        storage.getUpdateState(PROBE_DC).ifPresent(state -> leftovers.add("update state of DC " + PROBE_DC));
        storage.forSession(PROBE_SESSION).getUserId().ifPresent(leftovers::add);
        storage.forSession(PROBE_SESSION).getFirstName().ifPresent(leftovers::add);
        conversations(storage).loadConversation(PROBE_CHAT, PROBE_USER).ifPresent(leftovers::add);
        softly.assertThat(leftovers).as("writes that failed during the outage but were applied later").isEmpty();
    }

    private static Outcome outcome(Future<Object> result) throws InterruptedException {
        try {
            return new Outcome(result.get(WAIT_SECONDS, TimeUnit.SECONDS), null);
        }
        catch (ExecutionException ex) {
            return new Outcome(null, ex.getCause());
        }
        catch (TimeoutException ex) {
            result.cancel(true);
            return new Outcome("nothing: still running after " + WAIT_SECONDS + " s", null);
        }
    }

    /** How an operation ended: what it returned, or what it threw (with its stack trace in failure messages). */
    private record Outcome(Object returned, Throwable thrown) {

        @Override
        public String toString() {
            if (this.thrown == null) {
                return "returned " + this.returned;
            }
            StringWriter trace = new StringWriter();
            this.thrown.printStackTrace(new PrintWriter(trace));
            return "threw " + trace;
        }

    }

    private static Object returned(Runnable write) {
        write.run();
        return "normally (void)";
    }

    private static ConversationStore conversations(Storage storage) {
        return (ConversationStore) storage;
    }

    private static StorageContents contents(Storage storage) {
        return (StorageContents) storage;
    }

}
