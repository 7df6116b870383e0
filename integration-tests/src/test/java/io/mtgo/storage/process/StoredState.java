package io.mtgo.storage.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Usernames;

/**
 * Reads {@link ExpectedState} keys back from a storage and checks them, collecting every mismatch
 * so one failure shows the whole picture (which keys, which values) rather than the first.
 */
final class StoredState {

    private final Storage storage;

    private final List<String> problems = new ArrayList<>();

    StoredState(Storage storage) {
        this.storage = storage;
    }

    Object read(String key) {
        String[] parts = key.split(":");
        Optional<?> value = switch (parts[0]) {
            case "peer" -> this.storage.loadPeer(Long.parseLong(parts[1])).map(ExpectedState::view);
            case "uname" -> this.storage.loadPeerByUsername(parts[1]).map(Peer::id);
            case "state" -> this.storage.getUpdateState(Integer.parseInt(parts[1])).map(ExpectedState::hex);
            case "session" -> this.storage.loadSession(this.storage.sessionName()).map(ExpectedState::view);
            case "conv" -> ((ConversationStore) this.storage).loadConversation(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            case "meta" -> switch (parts[1]) {
                case "firstName" -> this.storage.getFirstName();
                case "username" -> this.storage.getUsername();
                case "userId" -> this.storage.getUserId().isPresent() ? Optional.of(this.storage.getUserId().getAsLong())
                        : Optional.empty();
                default -> throw new IllegalArgumentException(key);
            };
            default -> throw new IllegalArgumentException(key);
        };
        return value.isPresent() ? value.get() : ExpectedState.ABSENT;
    }

    /** Checks that a key holds one of the allowed values. */
    void expectOneOf(String key, Set<Object> allowed) {
        Object actual = read(key);
        if (!allowed.contains(actual)) {
            this.problems.add(key + " = " + actual + ", expected one of " + abbreviate(allowed));
        }
    }

    /**
     * Checks the username index over a set of peers and names: no username held by two of the
     * peers, each peer found by its username, each name found on a peer that holds it.
     */
    void expectConsistentUsernames(Collection<Long> peerIds, Collection<String> names) {
        Map<String, Long> holders = new HashMap<>();
        for (long id : peerIds) {
            Optional<Peer> peer = this.storage.loadPeer(id);
            String name = peer.map(Peer::username).orElse(null);
            if (name == null) {
                continue;
            }
            Long other = holders.put(Usernames.keyOf(name), id);
            if (other != null) {
                this.problems.add("username " + name + " held by peers " + other + " and " + id);
            }
            Optional<Long> found = this.storage.loadPeerByUsername(name).map(Peer::id);
            if (!found.equals(Optional.of(id))) {
                this.problems.add("peer " + id + " holds " + name + " but loadPeerByUsername gives " + found);
            }
        }
        for (String name : names) {
            this.storage.loadPeerByUsername(name).ifPresent(peer -> {
                Optional<String> held = this.storage.loadPeer(peer.id()).map(Peer::username);
                if (peer.username() == null || !peer.username().equalsIgnoreCase(name)
                        || held.filter(name::equalsIgnoreCase).isEmpty()) {
                    this.problems.add("loadPeerByUsername(" + name + ") gives peer " + peer.id() + " with username "
                            + peer.username() + ", loadPeer gives " + held);
                }
            });
        }
    }

    void problem(String problem) {
        this.problems.add(problem);
    }

    /** Fails with every problem found, if any. */
    void assertNoProblems(String what) {
        if (!this.problems.isEmpty()) {
            throw new AssertionError(what + ": " + this.problems.size() + " problem(s):\n  "
                    + String.join("\n  ", this.problems.subList(0, Math.min(40, this.problems.size()))));
        }
    }

    private static String abbreviate(Collection<Object> values) {
        return (values.size() <= 6) ? values.toString() : values.size() + " values";
    }

}
