package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import io.mtgo.storage.Peer;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.Retries;
import io.mtgo.storage.spi.StripedLocks;
import org.jspecify.annotations.Nullable;

/**
 * Saves one chunk of peers of one session with {@code save-peers.lua}. The min-peer rule stays in
 * Java ({@link io.mtgo.storage.spi.PeerMerge}, applied in {@link SavePeersArguments}): min peers are
 * merged against their stored records, read beforehand, and the script writes only if those
 * records' credential fields are still what was read; otherwise the chunk starts over. The script
 * also reports holders of claimed usernames it was not told about; they are declared and the
 * chunk sent again.
 */
final class RedisPeerWriter {

    /**
     * Writers of one session in this process take turns: each script call of a concurrent writer
     * could move a username and send the others back to declare its new holder, so 1,000 threads
     * saving peers of one session spent 3-4 script calls a save and fell from 3,000 to 200 calls a
     * second, single saves taking up to 74 s. Writers in other processes still race, and retry.
     */
    private static final StripedLocks SESSION_WRITERS = new StripedLocks();

    private final RedisCommands commands;

    private final RedisKeys keys;

    private final String sessionName;

    private final SessionPeerKeys sessionKeys;

    private final byte[] peerTtl;

    private final String what;

    /** Once per storage and session: a save then builds only the keys of its peers. */
    RedisPeerWriter(RedisCommands commands, RedisKeys keys, String sessionName, byte[] peerTtl) {
        this.commands = commands;
        this.keys = keys;
        this.sessionName = sessionName;
        this.sessionKeys = new SessionPeerKeys(keys.usernames(sessionName), RedisKeys.bytes(keys.peerIndex(sessionName)),
                keys.peerPrefix(sessionName));
        this.peerTtl = peerTtl;
        this.what = "savePeers of session '" + sessionName + "'";
    }

    /** @param peers distinct peers, in save order, at most one chunk */
    void save(List<Peer> peers) {
        Lock turn = SESSION_WRITERS.of(this.sessionKeys.usernamesKey());
        turn.lock();
        try {
            saveInTurn(peers);
        }
        finally {
            turn.unlock();
        }
    }

    private void saveInTurn(List<Peer> peers) {
        Set<Long> holders = new LinkedHashSet<>();
        Retries.run(this.what, () -> {
            SavePeersArguments call = SavePeersArguments.of(this.sessionKeys, peers, readStoredMinPeers(peers), holders, this.peerTtl);
            List<?> reply = this.commands.script(RedisScripts.SAVE_PEERS, call.keys, call.args, this.what);
            long outcome = number(reply.isEmpty() ? null : reply.get(0));
            if (outcome == 2L) {
                // Holders it was not told about: declared, the call is sent again at once.
                reply.subList(1, reply.size()).forEach(id -> holders.add(number(id)));
                throw Retries.TryAgain.atOnce();
            }
            if (outcome != 1L) {
                // A min peer's stored credentials changed since they were read: merged again after a pause.
                throw new Retries.TryAgain();
            }
            return null;
        });
    }

    private long number(@Nullable Object reply) {
        String text = (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException ex) {
            throw new StorageException("Redis answered " + this.what + " with '" + text + "'");
        }
    }

    private Map<Long, HashFields> readStoredMinPeers(List<Peer> peers) {
        if (!hasMinPeer(peers)) {
            return Map.of();
        }
        List<Peer> minPeers = peers.stream().filter(Peer::min).toList();
        List<HashFields> stored = this.commands.hashes(minPeers.stream().map(peer -> this.keys.peer(this.sessionName, peer.markedId())).toList(),
                "min peers of session '" + this.sessionName + "'");
        Map<Long, HashFields> byId = new HashMap<>(minPeers.size() * 2);
        for (int i = 0; i < minPeers.size(); i++) {
            byId.put(minPeers.get(i).markedId(), stored.get(i));
        }
        return byId;
    }

    /** A plain loop: the usual batch has no min peer, and every save asks. */
    private static boolean hasMinPeer(List<Peer> peers) {
        for (Peer peer : peers) {
            if (peer.min()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The keys every save of the session declares, and the start of its peer keys.
     * @param usernamesKey the username hash, which names the session in its key prefix
     * @param usernames the same key's bytes
     * @param index the peer index
     * @param peerPrefix the start of every peer key; the marked id follows
     */
    record SessionPeerKeys(String usernamesKey, byte[] usernames, byte[] index, String peerPrefix) {

        SessionPeerKeys(String usernamesKey, byte[] index, String peerPrefix) {
            this(usernamesKey, RedisKeys.bytes(usernamesKey), index, peerPrefix);
        }

        byte[] peer(long markedId) {
            return RedisKeys.bytes(this.peerPrefix + markedId);
        }

    }

}
