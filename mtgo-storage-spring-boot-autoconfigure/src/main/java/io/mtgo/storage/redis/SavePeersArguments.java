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

    final List<byte[]> keys;

    final List<byte[]> args;

    private SavePeersArguments(List<byte[]> keys, List<byte[]> args) {
        this.keys = keys;
        this.args = args;
    }

    /**
     * Builds the arguments.
     * @param keys the key layout
     * @param sessionName the session
     * @param peers the peers, distinct ids, in save order
     * @param stored the stored hash of each min peer, by marked id (empty fields when none is stored);
     * peers without an entry are not merged and not guarded
     * @param holders marked ids of peers outside the batch that the script reported as holders of
     * claimed usernames: their keys are declared
     * @param peerTtl the time to live argument
     * @return the arguments
     */
    static SavePeersArguments of(RedisKeys keys, String sessionName, List<Peer> peers, Map<Long, HashFields> stored,
            Collection<Long> holders, byte[] peerTtl) {
        List<byte[]> keyList = new ArrayList<>(2 + peers.size() + holders.size());
        keyList.add(RedisKeys.bytes(keys.usernames(sessionName)));
        keyList.add(RedisKeys.bytes(keys.peerIndex(sessionName)));
        for (Peer peer : peers) {
            keyList.add(RedisKeys.bytes(keys.peer(sessionName, peer.markedId())));
        }
        for (long holder : holders) {
            keyList.add(RedisKeys.bytes(keys.peer(sessionName, holder)));
        }
        List<byte[]> args = new ArrayList<>(8 + holders.size() + peers.size() * 32);
        args.add(peerTtl);
        args.add(RedisKeys.bytes(RedisHashCodec.PEER_USERNAME));
        args.add(RedisKeys.bytes(Integer.toString(peers.size())));
        args.add(RedisKeys.bytes(Integer.toString(holders.size())));
        args.add(RedisKeys.bytes(Integer.toString(RedisHashCodec.PEER_CREDENTIAL_FIELDS.size())));
        RedisHashCodec.PEER_CREDENTIAL_FIELDS.forEach(field -> args.add(RedisKeys.bytes(field)));
        for (long holder : holders) {
            args.add(RedisKeys.bytes(Long.toString(holder)));
        }
        for (Peer peer : peers) {
            appendPeer(args, peer, stored.get(peer.markedId()));
        }
        return new SavePeersArguments(keyList, args);
    }

    private static void appendPeer(List<byte[]> args, Peer incoming, @Nullable HashFields stored) {
        Peer storedPeer = (stored != null && !stored.isEmpty()) ? RedisHashCodec.decodePeer(incoming.markedId(), stored) : null;
        Peer merged = PeerMerge.merge(storedPeer, incoming);
        String usernameKey = Usernames.keyOf(merged.username());
        args.add(RedisKeys.bytes(Long.toString(merged.markedId())));
        args.add(RedisKeys.bytes((usernameKey != null) ? usernameKey : ""));
        boolean guarded = (stored != null);
        args.add(RedisKeys.bytes(guarded ? "1" : "0"));
        if (stored != null) {
            RedisHashCodec.credentialsOf(stored).forEach(value -> args.add(RedisKeys.bytes(value)));
        }
        else {
            RedisHashCodec.PEER_CREDENTIAL_FIELDS.forEach(field -> args.add(new byte[0]));
        }
        HashFields fields = RedisHashCodec.encodePeer(merged);
        args.add(RedisKeys.bytes(Integer.toString(fields.size())));
        fields.appendTo(args);
    }

}
