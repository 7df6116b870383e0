package io.mtgo.storage.spi;

import io.mtgo.storage.Peer;
import org.jspecify.annotations.Nullable;

/**
 * The min-peer rule, in one place for every backend.
 * <p>
 * Telegram sends "min" constructors of users and channels when the client lacks the full object:
 * their access hash is only valid together with the message that carried them, and the phone number
 * is missing. Saving such a peer over a full one would break every later request to that peer, so
 * a min peer updates the names, usernames and photo of a stored full peer but never its access hash
 * or phone number, and the stored record stays full.
 */
public final class PeerMerge {

    private PeerMerge() {
    }

    /**
     * Returns what to store when {@code incoming} is saved over {@code stored}.
     * @param stored the peer stored now, or {@code null}
     * @param incoming the peer being saved
     * @return the peer to store
     */
    public static Peer merge(@Nullable Peer stored, Peer incoming) {
        if (stored == null || !keepsStoredCredentials(stored, incoming)) {
            return incoming;
        }
        return incoming.toBuilder()
            .accessHash(stored.accessHash())
            .phoneNumber(stored.phoneNumber())
            .min(false)
            .build();
    }

    /**
     * Whether saving {@code incoming} over {@code stored} must keep the stored access hash and
     * phone number: the incoming peer is min and the stored one is full.
     * @param stored the peer stored now, or {@code null}
     * @param incoming the peer being saved
     * @return whether the stored credentials win
     */
    public static boolean keepsStoredCredentials(@Nullable Peer stored, Peer incoming) {
        return incoming.min() && stored != null && !stored.min();
    }

}
