package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Lists what a Redis storage holds, for copies between backends: SCAN over the storage's own key
 * patterns (never {@code KEYS}), then one HGETALL per key. A migration tool, not a hot path.
 */
final class RedisContents {

    private final RedisTemplate<byte[], byte[]> template;

    private final RedisKeys keys;

    RedisContents(RedisTemplate<byte[], byte[]> template, RedisKeys keys) {
        this.template = template;
        this.keys = keys;
    }

    List<String> sessionNames() {
        return scan(this.keys.allSessionsPattern()).stream().map(this.keys::sessionNameOfSessionKey).toList();
    }

    List<Peer> peers(String sessionName) {
        String prefix = this.keys.peerPrefix(sessionName);
        return decodeAll(this.keys.peerPattern(sessionName), sessionName,
                key -> fields -> RedisHashCodec.decodePeer(Long.parseLong(key.substring(prefix.length())), fields));
    }

    List<Conversation> conversations(String sessionName) {
        String prefix = this.keys.sessionBase(sessionName) + "conv:";
        return decodeAll(this.keys.conversationPattern(sessionName), sessionName, key -> {
            String[] ids = key.substring(prefix.length()).split(":");
            return fields -> RedisHashCodec.decodeConversation(Long.parseLong(ids[0]), Long.parseLong(ids[1]), fields);
        });
    }

    Map<Integer, byte[]> updateStates(String sessionName) {
        Map<Integer, byte[]> states = new TreeMap<>();
        hashOf(this.keys.updateState(sessionName))
            .forEach((field, value) -> states.put(Integer.parseInt(new String(field, StandardCharsets.UTF_8)), value));
        return states;
    }

    private <T> List<T> decodeAll(String pattern, String sessionName, Function<String, Function<HashFields, T>> decoder) {
        List<T> all = new ArrayList<>();
        for (String key : scan(pattern)) {
            Map<byte[], byte[]> hash = hashOf(key);
            if (!hash.isEmpty()) {
                all.add(decoder.apply(key).apply(HashFields.of(hash, key + " of session '" + sessionName + "'")));
            }
        }
        return all;
    }

    private Map<byte[], byte[]> hashOf(String key) {
        Map<byte[], byte[]> hash = this.template
            .execute((RedisCallback<Map<byte[], byte[]>>) connection -> connection.hashCommands().hGetAll(RedisKeys.bytes(key)));
        return (hash != null) ? hash : Map.of();
    }

    private List<String> scan(String pattern) {
        List<String> found = new ArrayList<>();
        this.template.execute((RedisCallback<Void>) connection -> {
            try (Cursor<byte[]> cursor = scanCursor(connection, pattern)) {
                cursor.forEachRemaining(key -> found.add(new String(key, StandardCharsets.UTF_8)));
            }
            return null;
        });
        return found;
    }

    private static Cursor<byte[]> scanCursor(RedisConnection connection, String pattern) {
        return connection.keyCommands().scan(ScanOptions.scanOptions().match(pattern).count(500).build());
    }

}
