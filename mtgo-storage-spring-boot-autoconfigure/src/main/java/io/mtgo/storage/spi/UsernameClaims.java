package io.mtgo.storage.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;

/**
 * The username plan of one {@code savePeers} batch, shared by the backends that write a batch in
 * two steps: first take every claimed username away from whichever other peer holds it, then write
 * every peer. With all claimed usernames free before the first write, no write can hit the unique
 * username index, in any order. A username claimed twice in one batch goes to its last claimant, as
 * if the peers were saved one after another; the earlier claimants are written without it.
 */
public final class UsernameClaims {

    private static final UsernameClaims NONE = new UsernameClaims(Collections.emptyMap());

    /** Username key → the marked id of the batch's last peer that claims it, in first-claim order. */
    private final Map<String, Peer> finalHolders;

    private UsernameClaims(Map<String, Peer> finalHolders) {
        this.finalHolders = finalHolders;
    }

    /**
     * Plans a batch.
     * @param batch the peers to write, distinct by type and id, in save order
     * @return the plan
     */
    public static UsernameClaims of(List<Peer> batch) {
        Map<String, Peer> finalHolders = null;
        for (Peer peer : batch) {
            String key = Usernames.keyOf(peer);
            if (key != null) {
                if (finalHolders == null) {
                    finalHolders = new LinkedHashMap<>();
                }
                finalHolders.put(key, peer);
            }
        }
        return (finalHolders != null) ? new UsernameClaims(finalHolders) : NONE;
    }

    /** @return whether no peer of the batch has a username: nothing to free */
    public boolean isEmpty() {
        return this.finalHolders.isEmpty();
    }

    /** @return the usernames (as {@link Usernames#keyOf keys}) the batch claims, each once */
    public Set<String> keys() {
        return this.finalHolders.keySet();
    }

    /** @return each claimed username key with the peer that ends up holding it, in first-claim order */
    public Collection<Map.Entry<String, Peer>> claims() {
        return this.finalHolders.entrySet();
    }

    /**
     * Returns a peer as the batch writes it: without its username when a later peer of the batch
     * claims the same one.
     * @param peer a peer of the batch
     * @return the peer, or a copy without username
     */
    public Peer asWritten(Peer peer) {
        return keepsUsername(peer) ? peer : peer.toBuilder().username(null).build();
    }

    /**
     * @param peer a peer of the batch
     * @return whether the peer keeps its username (it has none, or it is the last to claim it)
     */
    public boolean keepsUsername(Peer peer) {
        String key = Usernames.keyOf(peer);
        if (key == null) {
            return true;
        }
        Peer holder = this.finalHolders.get(key);
        return holder != null && holder.markedId() == peer.markedId();
    }

}
