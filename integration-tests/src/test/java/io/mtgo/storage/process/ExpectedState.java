package io.mtgo.storage.process;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;

/**
 * What a storage must hold after a sequence of {@link Workload} writes, replayed in memory with the
 * documented semantics (a claimed username is taken from its previous holder, whose record stays
 * but loses its primary username). State is a map from a key naming one readable thing
 * ({@code peer:<id>}, {@code uname:<key>}, {@code state:<dc>}, {@code session},
 * {@code meta:<field>}, {@code conv:<chat>:<user>}) to the value {@link StoredState} reads back.
 */
final class ExpectedState {

    /** The value of a key that holds nothing. */
    static final String ABSENT = "<absent>";

    /**
     * What the parent compares of a peer.
     * @param id the id
     * @param accessHash the access hash
     * @param firstName the first name
     * @param username the primary username, or {@code null}
     * @param usernames all usernames
     */
    record PeerView(long id, long accessHash, String firstName, String username, List<String> usernames) {

        PeerView withoutUsername() {
            return new PeerView(this.id, this.accessHash, this.firstName, null, this.usernames);
        }

    }

    /**
     * What the parent compares of a session: the auth key as its SHA-256, so messages never show a key.
     * @param dcId the DC
     * @param serverAddress the address
     * @param port the port
     * @param date the date
     * @param authKeySha256 hex SHA-256 of the auth key
     */
    record SessionView(int dcId, String serverAddress, int port, long date, String authKeySha256) {
    }

    private final Map<String, Object> state = new HashMap<>();

    private Map<String, Object> changes = new LinkedHashMap<>();

    /**
     * Applies one write.
     * @param op the write
     * @return every key it changed with its new value, in order
     */
    Map<String, Object> apply(Workload.Op op) {
        this.changes = new LinkedHashMap<>();
        op.expect().accept(this);
        return this.changes;
    }

    void put(String key, Object value) {
        this.state.put(key, value);
        this.changes.put(key, value);
    }

    Object get(String key) {
        return this.state.getOrDefault(key, ABSENT);
    }

    /** Saves a peer: frees its old username, takes its new one from any other holder. */
    void peer(Peer peer) {
        String peerKey = "peer:" + peer.id();
        String claimed = Usernames.keyOf(peer.username());
        if (get(peerKey) instanceof PeerView old && old.username() != null
                && !Usernames.keyOf(old.username()).equals(claimed)) {
            put("uname:" + Usernames.keyOf(old.username()), ABSENT);
        }
        if (claimed != null) {
            if (get("uname:" + claimed) instanceof Long holder && holder != peer.id()
                    && get("peer:" + holder) instanceof PeerView loser) {
                put("peer:" + holder, loser.withoutUsername());
            }
            put("uname:" + claimed, peer.id());
        }
        put(peerKey, view(peer));
    }

    static PeerView view(Peer peer) {
        return new PeerView(peer.id(), peer.accessHash(), peer.firstName(), peer.username(), peer.usernames());
    }

    static SessionView view(Session session) {
        byte[] key = session.authKey();
        return new SessionView(session.dcId(), session.serverAddress(), session.port(), session.date(),
                (key != null) ? sha256(key) : "none");
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
