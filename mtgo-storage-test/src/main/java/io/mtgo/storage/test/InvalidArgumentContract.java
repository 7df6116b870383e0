package io.mtgo.storage.test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerIds;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mtgo.storage.test.ContractFixture.fullSession;
import static io.mtgo.storage.test.ContractFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Every invalid argument is an {@link IllegalArgumentException} that names the field, and nothing
 * is written.
 */
public interface InvalidArgumentContract extends ContractFixture {

    /**
     * An invalid call and the field its message must name.
     * @param call the call
     * @param field the field named in the message
     */
    record InvalidCall(Consumer<Storage> call, String field) {
    }

    @ParameterizedTest
    @MethodSource("io.mtgo.storage.test.InvalidArgumentContract#invalidCalls")
    default void invalidArgumentIsRejectedNamingTheFieldAndNothingIsWritten(InvalidCall invalid) {
        Storage storage = storage();
        Session session = fullSession(storage.sessionName());
        Peer peer = user(900, "stable_peer");
        storage.saveSession(session);
        storage.savePeer(peer);
        storage.setFirstName("Stable");
        storage.setUpdateState(1, new byte[] { 1 });

        assertThatIllegalArgumentException().isThrownBy(() -> invalid.call().accept(storage))
            .withMessageContaining(invalid.field());

        assertThat(storage.loadSession(session.name())).contains(session);
        assertThat(storage.loadPeer(900)).contains(peer);
        assertThat(storage.loadPeerByUsername("stable_peer")).contains(peer);
        assertThat(storage.loadPeer(901)).isEmpty();
        assertThat(storage.loadPeerByUsername("never_saved")).isEmpty();
        assertThat(storage.getFirstName()).contains("Stable");
        assertThat(storage.getLastName()).isEmpty();
        assertThat(storage.getUsername()).isEmpty();
        assertThat(storage.getUpdateState(1)).hasValueSatisfying(s -> assertThat(s).containsExactly(1));
        assertThat(((ConversationStore) storage).loadConversation(1, 1)).isEmpty();
    }

    /**
     * The table of invalid calls.
     * @return the calls
     */
    @SuppressWarnings("NullAway") // passes null on purpose: each call must be rejected
    static Stream<ArgumentSet> invalidCalls() {
        return Stream.of(
                invalid("saveSession(null)", s -> s.saveSession(null), "session"),
                invalid("loadSession(null)", s -> s.loadSession(null), "sessionName"),
                invalid("loadSession(blank)", s -> s.loadSession("  "), "sessionName"),
                invalid("loadSession(too long)", s -> s.loadSession("x".repeat(129)), "sessionName"),
                invalid("deleteSession(empty)", s -> s.deleteSession(""), "sessionName"),
                invalid("deleteSession(NUL)", s -> s.deleteSession("a\u0000b"), "sessionName"),
                invalid("deleteSession(padded)", s -> s.deleteSession(" " + s.sessionName()), "sessionName"),
                invalid("forSession(null)", s -> s.forSession(null), "sessionName"),
                invalid("savePeer(null)", s -> s.savePeer(null), "peer"),
                invalid("savePeers(null)", s -> s.savePeers(null), "peers"),
                invalid("savePeers(null element)", s -> s.savePeers(Arrays.asList(user(901, null), null)), "peers[1]"),
                invalid("loadPeer(marked 0)", s -> s.loadPeer(0L), "markedId"),
                invalid("loadPeer(marked below the channel range)", s -> s.loadPeer(Long.MIN_VALUE), "markedId"),
                invalid("loadPeer(marked -10^12)", s -> s.loadPeer(-PeerIds.CHANNEL_OFFSET), "markedId"),
                invalid("loadPeer(null type)", s -> s.loadPeer(null, 900), "type must not be null"),
                invalid("loadPeer(user 0)", s -> s.loadPeer(PeerType.USER, 0), "id of a USER"),
                invalid("loadPeer(negative user)", s -> s.loadPeer(PeerType.USER, -900), "id of a USER"),
                invalid("loadPeer(negative chat)", s -> s.loadPeer(PeerType.CHAT, -5), "id of a CHAT"),
                invalid("loadPeer(chat 10^12)", s -> s.loadPeer(PeerType.CHAT, PeerIds.CHANNEL_OFFSET), "id of a CHAT"),
                invalid("loadPeer(negative channel)", s -> s.loadPeer(PeerType.CHANNEL, -1_000_000_000_005L), "id of a CHANNEL"),
                invalid("deletePeer(marked 0)", s -> s.deletePeer(0L), "markedId"),
                invalid("deletePeer(marked below the channel range)", s -> s.deletePeer(Long.MIN_VALUE), "markedId"),
                invalid("deletePeer(null type)", s -> s.deletePeer(null, 900), "type must not be null"),
                invalid("deletePeer(user 0)", s -> s.deletePeer(PeerType.USER, 0), "id of a USER"),
                invalid("deletePeer(negative user)", s -> s.deletePeer(PeerType.USER, -900), "id of a USER"),
                invalid("deletePeer(chat 10^12)", s -> s.deletePeer(PeerType.CHAT, PeerIds.CHANNEL_OFFSET), "id of a CHAT"),
                invalid("savePeer(user 0)", s -> s.savePeer(Peer.builder(0, PeerType.USER).build()), "id of a USER"),
                invalid("savePeer(marked chat id)", s -> s.savePeer(Peer.builder(-900, PeerType.CHAT).build()), "id of a CHAT"),
                invalid("savePeer(chat 10^12)",
                        s -> s.savePeer(Peer.builder(PeerIds.CHANNEL_OFFSET, PeerType.CHAT).build()), "id of a CHAT"),
                invalid("savePeers(batch with user 0)",
                        s -> s.savePeers(List.of(user(901, "never_saved"), Peer.builder(0, PeerType.USER).build())), "id of a USER"),
                invalid("loadPeerByUsername(null)", s -> s.loadPeerByUsername(null), "username"),
                invalid("loadPeerByUsername(too short)", s -> s.loadPeerByUsername("abcd"), "username"),
                invalid("loadPeerByUsername(too long)", s -> s.loadPeerByUsername("a".repeat(33)), "username"),
                invalid("loadPeerByUsername(space)", s -> s.loadPeerByUsername("stable peer"), "username"),
                invalid("loadPeerByUsername(pattern)", s -> s.loadPeerByUsername("stable*"), "username"),
                invalid("loadPeerByUsername(SQL)", s -> s.loadPeerByUsername("x' OR '1'='1"), "username"),
                invalid("loadPeerByUsername(non-ASCII)", s -> s.loadPeerByUsername("stablé_peer"), "username"),
                invalid("loadPeerByUsername(double @)", s -> s.loadPeerByUsername("@@stable_peer"), "username"),
                invalid("setFirstName(null)", s -> s.setFirstName(null), "firstName"),
                invalid("setFirstName(too long)", s -> s.setFirstName("x".repeat(Arguments.MAX_TEXT_LENGTH + 1)), "firstName"),
                invalid("setFirstName(lone surrogate)", s -> s.setFirstName("bad\uD800"), "firstName"),
                invalid("setLastName(NUL)", s -> s.setLastName("a\u0000"), "lastName"),
                invalid("setUsername(null)", s -> s.setUsername(null), "username"),
                invalid("setUsername(malformed)", s -> s.setUsername("no-dashes"), "username"),
                invalid("setUpdateState(negative DC)", s -> s.setUpdateState(-1, new byte[1]), "dcId"),
                invalid("setUpdateState(huge DC)", s -> s.setUpdateState(Integer.MAX_VALUE, new byte[1]), "dcId"),
                invalid("setUpdateState(null)", s -> s.setUpdateState(1, null), "state"),
                invalid("setUpdateState(oversize)",
                        s -> s.setUpdateState(1, new byte[Arguments.MAX_UPDATE_STATE_LENGTH + 1]), "state"),
                invalid("getUpdateState(negative DC)", s -> s.getUpdateState(-5), "dcId"),
                invalid("saveConversation(null)", s -> ((ConversationStore) s).saveConversation(null), "conversation"));
    }

    private static ArgumentSet invalid(String name, Consumer<Storage> call, String field) {
        return argumentSet(name, new InvalidCall(call, field));
    }

}
