package io.mtgo.storage.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;
import io.mtgo.storage.spi.PeerMerge;
import org.jspecify.annotations.Nullable;

/**
 * The KEYS and ARGV of one {@code save-peers.lua} call, in the layout the script documents. This
 * is where the min-peer rule is applied ({@link PeerMerge}), in Java: each min peer is merged with
 * the stored record read beforehand, and the credential fields of that record go along as the
 * script's guard.
 */
final class SavePeersArguments {

    private static final byte[] USERNAME_FIELD = RedisKeys.bytes(RedisHashCodec.PEER_USERNAME);

    /** The number of credential fields, then their names. */
    private static final List<byte[]> GUARD_HEADER = guardHeader();

    private static final byte[] GUARDED = { '1' };

    private static final byte[] UNGUARDED = { '0' };

    final List<byte[]> keys;

    final List<byte[]> args;

    private SavePeersArguments(List<byte[]> keys, List<byte[]> args) {
        this.keys = keys;
        this.args = args;
    }

    /**
     * Builds the arguments.
     * @param keys the session's keys
     * @param peers the peers, distinct ids, in save order
     * @param stored the stored hash of each min peer, by marked id (empty fields when none is stored);
     * peers without an entry are not merged and not guarded
     * @param holders marked ids of peers outside the batch that the script reported as holders of
     * claimed usernames: their keys are declared
     * @param peerTtl the time to live argument
     * @return the arguments
     */
    static SavePeersArguments of(RedisPeerWriter.SessionPeerKeys keys, List<Peer> peers, Map<Long, HashFields> stored,
            Collection<Long> holders, byte[] peerTtl) {
        List<byte[]> keyList = new ArrayList<>(2 + peers.size() + holders.size());
        keyList.add(keys.usernames());
        keyList.add(keys.index());
        for (Peer peer : peers) {
            keyList.add(keys.peer(peer.markedId()));
        }
        for (long holder : holders) {
            keyList.add(keys.peer(holder));
        }
        List<byte[]> args = new ArrayList<>(8 + holders.size() + peers.size() * 32);
        args.add(peerTtl);
        args.add(USERNAME_FIELD);
        args.add(RedisKeys.bytes(Integer.toString(peers.size())));
        args.add(RedisKeys.bytes(Integer.toString(holders.size())));
        args.addAll(GUARD_HEADER);
        for (long holder : holders) {
            args.add(RedisKeys.bytes(Long.toString(holder)));
        }
        for (Peer peer : peers) {
            appendPeer(args, peer, stored.get(peer.markedId()));
        }
        return new SavePeersArguments(keyList, args);
    }

    private static List<byte[]> guardHeader() {
        List<byte[]> header = new ArrayList<>();
        header.add(RedisKeys.bytes(Integer.toString(RedisHashCodec.PEER_CREDENTIAL_FIELDS.size())));
        RedisHashCodec.PEER_CREDENTIAL_FIELDS.forEach(field -> header.add(RedisKeys.bytes(field)));
        return List.copyOf(header);
    }

    private static void appendPeer(List<byte[]> args, Peer incoming, @Nullable HashFields stored) {
        Peer storedPeer = (stored != null && !stored.isEmpty()) ? RedisHashCodec.decodePeer(incoming.markedId(), stored) : null;
        Peer merged = PeerMerge.merge(storedPeer, incoming);
        String usernameKey = Usernames.keyOf(merged);
        args.add(RedisKeys.bytes(Long.toString(merged.markedId())));
        args.add(RedisKeys.bytes((usernameKey != null) ? usernameKey : ""));
        // Only a guarded peer carries the expected credential values: the script reads them only then.
        if (stored != null) {
            args.add(GUARDED);
            RedisHashCodec.credentialsOf(stored).forEach(value -> args.add(RedisKeys.bytes(value)));
        }
        else {
            args.add(UNGUARDED);
        }
        RedisHashCodec.appendPeer(merged, args);
    }

}
