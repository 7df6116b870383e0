package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mtgo.storage.Peer;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.Retries;
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

    /** A guarded save conflicts only when another writer changed the same peers or usernames meanwhile. */

    private final RedisCommands commands;

    private final RedisKeys keys;

    private final String sessionName;

    private final byte[] peerTtl;

    RedisPeerWriter(RedisCommands commands, RedisKeys keys, String sessionName, byte[] peerTtl) {
        this.commands = commands;
        this.keys = keys;
        this.sessionName = sessionName;
        this.peerTtl = peerTtl;
    }

    /** @param peers distinct peers, in save order, at most one chunk */
    void save(List<Peer> peers) {
        Set<Long> holders = new LinkedHashSet<>();
        String what = "savePeers of session '" + this.sessionName + "'";
        Retries.run(what, () -> {
            SavePeersArguments call = SavePeersArguments.of(this.keys, this.sessionName, peers, readStoredMinPeers(peers), holders,
                    this.peerTtl);
            List<?> reply = this.commands.script(RedisScripts.SAVE_PEERS, call.keys, call.args, what);
            long outcome = number(reply.isEmpty() ? null : reply.get(0));
            if (outcome == 2L) {
                // The usernames' holders changed since they were read: declare the new ones and run again.
                reply.subList(1, reply.size()).forEach(id -> holders.add(number(id)));
            }
            if (outcome != 1L) {
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
            throw new StorageException("Redis answered savePeers of session '" + this.sessionName + "' with '" + text + "'");
        }
    }

    private Map<Long, HashFields> readStoredMinPeers(List<Peer> peers) {
        List<Peer> minPeers = peers.stream().filter(Peer::min).toList();
        if (minPeers.isEmpty()) {
            return Map.of();
        }
        List<HashFields> stored = this.commands.hashes(minPeers.stream().map(peer -> this.keys.peer(this.sessionName, peer.markedId())).toList(),
                "min peers of session '" + this.sessionName + "'");
        Map<Long, HashFields> byId = new HashMap<>(minPeers.size() * 2);
        for (int i = 0; i < minPeers.size(); i++) {
            byId.put(minPeers.get(i).markedId(), stored.get(i));
        }
        return byId;
    }

}
