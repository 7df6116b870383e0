package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;

/**
 * Lists what a Redis storage holds, for copies between backends. Everything is read through keys
 * the storage keeps for the purpose: the session registry, and each session's peer and
 * conversation indexes, walked with ZSCAN of that one key and read a page per script call. It
 * never scans the keyspace, so it costs the same among millions of other keys, and on a cluster it
 * only asks the node that owns the session (or the registry): a failed master elsewhere does not
 * stop it.
 */
final class RedisContents {

    private final RedisCommands commands;

    private final RedisKeys keys;

    RedisContents(RedisCommands commands, RedisKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    List<String> sessionNames() {
        List<String> names = new ArrayList<>();
        this.commands.forEachMemberPage(this.keys.registry(), 1_000,
                page -> page.forEach(name -> names.add(new String(name, StandardCharsets.UTF_8))));
        return names;
    }

    /** Index entries of expired peers are skipped: their hashes are gone. */
    void forEachPeerPage(String sessionName, int pageSize, Consumer<List<Peer>> action) {
        String what = "peers of session '" + sessionName + "'";
        this.commands.forEachMemberPage(this.keys.peerIndex(sessionName), pageSize, members -> {
            List<Long> ids = members.stream().map(member -> parse(member, what)).toList();
            List<HashFields> hashes = this.commands.hashes(ids.stream().map(id -> this.keys.peer(sessionName, id)).toList(), what);
            List<Peer> page = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (!hashes.get(i).isEmpty()) {
                    page.add(RedisHashCodec.decodePeer(ids.get(i), hashes.get(i)));
                }
            }
            if (!page.isEmpty()) {
                action.accept(page);
            }
        });
    }

    List<Conversation> conversations(String sessionName) {
        String what = "conversations of session '" + sessionName + "'";
        List<Conversation> all = new ArrayList<>();
        this.commands.forEachMemberPage(this.keys.conversationIndex(sessionName), 500, members -> {
            List<String> ids = members.stream().map(member -> new String(member, StandardCharsets.UTF_8)).toList();
            List<HashFields> hashes = this.commands.hashes(ids.stream().map(id -> this.keys.conversationPrefix(sessionName) + id).toList(), what);
            for (int i = 0; i < ids.size(); i++) {
                if (!hashes.get(i).isEmpty()) {
                    String[] chatAndUser = ids.get(i).split(":");
                    all.add(RedisHashCodec.decodeConversation(parse(chatAndUser[0], what), parse(chatAndUser[1], what), hashes.get(i)));
                }
            }
        });
        return all;
    }

    Map<Integer, byte[]> updateStates(String sessionName) {
        Map<Integer, byte[]> states = new TreeMap<>();
        HashFields fields = this.commands.hashes(List.of(this.keys.updateState(sessionName)), "update state of session '" + sessionName + "'").get(0);
        fields.forEach((dcId, value) -> states.put((int) parse(dcId, "update state of session '" + sessionName + "'"), value));
        return states;
    }

    private static long parse(byte[] member, String what) {
        return parse(new String(member, StandardCharsets.UTF_8), what);
    }

    private static long parse(String number, String what) {
        try {
            return Long.parseLong(number);
        }
        catch (NumberFormatException ex) {
            throw new io.mtgo.storage.StorageException("The index of " + what + " holds '" + number + "', not an id");
        }
    }

}
