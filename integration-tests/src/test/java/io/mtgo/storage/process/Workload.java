package io.mtgo.storage.process;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;

/**
 * Every write the writer processes make, in one place: operation {@code seq} of process
 * {@code proc} is a pure function of both, so a parent that only sees acknowledged sequence
 * numbers can recompute exactly what was written (auth keys included) without the child ever
 * printing a value.
 * <p>
 * Each operation is a write against a {@link Storage} and the same write against a
 * {@link ExpectedState}. Operation kinds cycle with {@code seq % 8}: a new peer, a username move
 * between two peers, a {@code savePeers} batch (with a name claimed twice), update state, the
 * session with a 256-byte auth key, metadata, a conversation, and a shared-key write. In
 * {@link Mode#CRASH} mode every key belongs to its process (a crash cycle) except session,
 * metadata and update state; in {@link Mode#CONCURRENT} mode peers {@code 1..}{@value #CONTESTED_PEERS},
 * the {@value #CONTESTED_NAMES} contested usernames, the session, metadata and one conversation are
 * written by every process.
 */
final class Workload {

    /** How many peer ids every concurrent process writes. */
    static final int CONTESTED_PEERS = 8;

    /** How many usernames concurrent processes move between the contested peers. */
    static final int CONTESTED_NAMES = 5;

    /** How every contested username starts. */
    static final String CONTESTED_NAME_PREFIX = "contested_";

    /** The conversation every concurrent process writes. */
    static final long CONTESTED_CHAT = 42;

    enum Mode {
        /** One process at a time, killed mid-write; own keys except session, metadata, update state. */
        CRASH,
        /** Processes at once on shared and own keys. */
        CONCURRENT
    }

    /**
     * One write.
     * @param seq its sequence number
     * @param kind what it does, for acknowledgement lines and messages
     * @param write the write against a storage
     * @param expect the same write against the expected state
     */
    record Op(long seq, String kind, Consumer<Storage> write, Consumer<ExpectedState> expect) {
    }

    private final Mode mode;

    private final int proc;

    private final String sessionName;

    Workload(Mode mode, int proc, String sessionName) {
        if (proc < 1 || proc > 99) {
            throw new IllegalArgumentException("proc must be 1 to 99 but was " + proc);
        }
        this.mode = mode;
        this.proc = proc;
        this.sessionName = sessionName;
    }

    Op op(long seq) {
        boolean concurrent = this.mode == Mode.CONCURRENT;
        long round = seq / 8;
        return switch ((int) (seq % 8)) {
            case 0 -> peers(seq, "peer", List.of(ownPeer(seq, 0, ownName(seq, 0))));
            case 1 -> peers(seq, "move", List.of(ownPeer(seq, 0, ownName(seq - 1, 0))));
            case 2 -> {
                List<Peer> batch = new ArrayList<>(List.of(ownPeer(seq, 0, ownName(seq, 0)), ownPeer(seq, 1, ownName(seq, 1)),
                        ownPeer(seq, 2, ownName(seq, 0))));
                if (concurrent) {
                    batch.add(contestedPeer(seq, round + 3));
                }
                yield new Op(seq, "batch", storage -> storage.savePeers(batch), state -> batch.forEach(state::peer));
            }
            case 3 -> updateState(seq, concurrent ? 100 * this.proc + (int) (round % 3) : 1 + (int) (round % 3));
            case 4 -> session(seq);
            case 5 -> metadata(seq, (int) (round % 3));
            case 6 -> conversation(seq, concurrent && round % 2 == 1);
            default -> concurrent ? peers(seq, "contested", List.of(contestedPeer(seq, round)))
                    : peers(seq, "moveBack", List.of(ownPeer(seq - 7, 0, ownName(seq - 7, 0))
                        .toBuilder().firstName("Back" + seq).build()));
        };
    }

    private static Op peers(long seq, String kind, List<Peer> peers) {
        return new Op(seq, kind, storage -> peers.forEach(storage::savePeer), state -> peers.forEach(state::peer));
    }

    private Op updateState(long seq, int dcId) {
        byte[] state = ByteBuffer.allocate(8 + (int) (seq % 9)).putInt(this.proc).putInt((int) seq).array();
        return new Op(seq, "state", storage -> storage.setUpdateState(dcId, state),
                expected -> expected.put("state:" + dcId, ExpectedState.hex(state)));
    }

    private Op session(long seq) {
        Session session = Session.builder(this.sessionName).dcId(1 + (int) (seq % 5)).serverAddress("10.0.0." + this.proc)
            .port(443).authKey(authKey(this.proc, seq)).date(seq + 1).build();
        return new Op(seq, "session", storage -> storage.saveSession(session),
                expected -> expected.put("session", ExpectedState.view(session)));
    }

    private Op metadata(long seq, int which) {
        return switch (which) {
            case 0 -> {
                String name = "First " + this.proc + "_" + seq;
                yield new Op(seq, "firstName", storage -> storage.setFirstName(name), state -> state.put("meta:firstName", name));
            }
            case 1 -> {
                long id = this.proc * 1_000_000_000L + seq;
                yield new Op(seq, "userId", storage -> storage.setUserId(id), state -> state.put("meta:userId", id));
            }
            default -> {
                String name = "meta_" + this.proc + "_" + seq;
                yield new Op(seq, "username", storage -> storage.setUsername(name), state -> state.put("meta:username", name));
            }
        };
    }

    private Op conversation(long seq, boolean contested) {
        long chatId = contested ? CONTESTED_CHAT : ownId(seq, 0);
        long userId = contested ? CONTESTED_CHAT : this.proc;
        Conversation conversation = Conversation.builder(chatId, userId).name("dialog").step("step_" + this.proc + "_" + seq)
            .data(Map.of("proc", Integer.toString(this.proc), "seq", Long.toString(seq))).createdAt(seq + 1).updatedAt(seq + 2)
            .build();
        return new Op(seq, "conversation", storage -> ((ConversationStore) storage).saveConversation(conversation),
                state -> state.put("conv:" + chatId + ":" + userId, conversation));
    }

    private long ownId(long seq, int k) {
        return this.proc * 10_000_000_000L + seq * 4 + k;
    }

    private String ownName(long seq, int k) {
        return "own" + this.proc + "_" + seq + "_" + k;
    }

    private Peer ownPeer(long seq, int k, String username) {
        return peer(ownId(seq, k), seq, username);
    }

    /** A contested peer claiming a contested name, upper case on odd rounds: names compare ignoring case. */
    private Peer contestedPeer(long seq, long round) {
        String name = contestedName((int) ((round * 3 + this.proc) % CONTESTED_NAMES));
        return peer(1 + (round * 5 + this.proc + seq) % CONTESTED_PEERS, seq, (round % 2 == 1) ? name.toUpperCase() : name);
    }

    private Peer peer(long id, long seq, String username) {
        return Peer.builder(id, PeerType.USER).accessHash(id * 31 + this.proc * 7 + seq).username(username)
            .usernames(List.of(username)).firstName("Name " + this.proc + "_" + seq).lastUpdated(seq + 1).build();
    }

    static String contestedName(int i) {
        return CONTESTED_NAME_PREFIX + i;
    }

    static boolean isContestedPeer(long id) {
        return id >= 1 && id <= CONTESTED_PEERS;
    }

    /** The 256-byte auth key of a write: derived, so the parent can check it without anyone printing it. */
    static byte[] authKey(int proc, long seq) {
        byte[] key = new byte[256];
        long x = proc * 0x9E3779B97F4A7C15L + seq;
        for (int i = 0; i < key.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            key[i] = (byte) (x >>> 56);
        }
        return key;
    }

}
