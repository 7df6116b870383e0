package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.Retries;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The commands the Redis backend sends, on one template: single-key commands, scripts (retried
 * while a cluster slot migrates), and the one way hashes are read, with one rule for a missing
 * reply: it is a {@link StorageException}, never "not found".
 */
final class RedisCommands {

    private final RedisTemplate<byte[], byte[]> template;

    /**
     * @param template a template that exposes its connection to callbacks ({@link #template(RedisConnectionFactory)}):
     * none of them closes it
     */
    RedisCommands(RedisTemplate<byte[], byte[]> template) {
        this.template = template;
    }

    /**
     * The template the commands are sent on. It hands callbacks the connection itself: by default
     * a template wraps it, on every call, in a JDK proxy that keeps the callback from closing it,
     * and every command then goes through that proxy's reflective dispatch.
     */
    static RedisTemplate<byte[], byte[]> template(RedisConnectionFactory connectionFactory) {
        RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setDefaultSerializer(RedisSerializer.byteArray());
        template.setExposeConnection(true);
        template.afterPropertiesSet();
        return template;
    }

    /**
     * Runs a script. A multi-key script on a slot that is being migrated gets TRYAGAIN while its
     * keys are split between the two nodes; the script did not run, so it is simply sent again
     * ({@link Retries}: about a second and a half; migrating one session's keys takes milliseconds).
     * @param what the operation and session, for error messages
     * @return the reply, never {@code null}: raw bytes, numbers and lists of them, as typed by the
     * script's result type
     */
    @SuppressWarnings("unchecked")
    <T> T script(RedisScript<T> script, List<byte[]> keys, List<byte[]> args, String what) {
        byte[][] keysAndArgs = new byte[keys.size() + args.size()][];
        int at = 0;
        for (byte[] key : keys) {
            keysAndArgs[at++] = key;
        }
        for (byte[] arg : args) {
            keysAndArgs[at++] = arg;
        }
        ReturnType returnType = ReturnType.fromJavaType(script.getResultType());
        int keyCount = keys.size();
        return Retries.run(what, RedisCommands::isTryAgain, () -> {
            Object reply = this.template
                .execute((RedisCallback<Object>) connection -> evalSha(connection, script, returnType, keyCount, keysAndArgs, what));
            if (reply == null) {
                throw new StorageException("Redis gave no reply to " + what);
            }
            return (T) reply;
        });
    }

    /**
     * EVALSHA, then EVAL when the server does not know the script (after a restart, a failover or
     * SCRIPT FLUSH), as Spring's script executor does, but on the connection itself: the executor
     * goes through a template of its own, which wraps the connection in a proxy on every call.
     */
    private static Object evalSha(RedisConnection connection, RedisScript<?> script, ReturnType returnType, int keyCount, byte[][] keysAndArgs,
            String what) {
        Object reply;
        try {
            reply = connection.scriptingCommands().evalSha(script.getSha1(), returnType, keyCount, keysAndArgs);
        }
        catch (RuntimeException ex) {
            if (!isServerError(ex, "NOSCRIPT")) {
                throw ex;
            }
            reply = connection.scriptingCommands()
                .eval(script.getScriptAsString().getBytes(StandardCharsets.UTF_8), returnType, keyCount, keysAndArgs);
        }
        if (reply == null) {
            throw new StorageException("Redis gave no reply to " + what);
        }
        return reply;
    }

    /**
     * Reads hashes, one HGETALL for one key, one script call for several (all in one slot).
     * @param keys keys of one session
     * @param what the records, for error messages
     * @return the fields of each key, in order; empty fields for an absent key
     */
    List<HashFields> hashes(List<String> keys, String what) {
        if (keys.size() == 1) {
            byte[] key = RedisKeys.bytes(keys.get(0));
            Map<byte[], byte[]> reply = this.template
                .execute((RedisCallback<Map<byte[], byte[]>>) connection -> connection.hashCommands().hGetAll(key));
            if (reply == null) {
                throw new StorageException("Redis gave no HGETALL reply for " + what);
            }
            return List.of(HashFields.of(reply, what));
        }
        List<byte[]> keyBytes = keys.stream().map(RedisKeys::bytes).toList();
        List<?> reply = script(RedisScripts.READ_HASHES, keyBytes, List.of(), "reading " + what);
        if (reply.size() != keys.size()) {
            throw new StorageException("Redis answered " + reply.size() + " hashes for " + keys.size() + " keys of " + what);
        }
        List<HashFields> all = new ArrayList<>(reply.size());
        for (Object flat : reply) {
            all.add(HashFields.ofFlat(byteList(flat), what));
        }
        return all;
    }

    void hashSet(String key, String field, byte[] value) {
        this.template.execute((RedisCallback<Boolean>) connection -> connection.hashCommands()
            .hSet(RedisKeys.bytes(key), RedisKeys.bytes(field), value));
    }

    byte @Nullable [] hashGet(String key, String field) {
        return this.template.execute((RedisCallback<byte[]>) connection -> connection.hashCommands()
            .hGet(RedisKeys.bytes(key), RedisKeys.bytes(field)));
    }

    void sortedSetAdd(String key, byte[] member) {
        this.template.execute((RedisCallback<Boolean>) connection -> connection.zSetCommands().zAdd(RedisKeys.bytes(key), 0, member));
    }

    void sortedSetRemove(String key, byte[] member) {
        this.template.execute((RedisCallback<Long>) connection -> connection.zSetCommands().zRem(RedisKeys.bytes(key), member));
    }

    /**
     * Walks the members of one sorted set (ZSCAN of that key only: it never scans the keyspace)
     * and hands them over in pages, so the caller never holds more than a page.
     */
    void forEachMemberPage(String index, int pageSize, Consumer<List<byte[]>> page) {
        this.template.execute((RedisCallback<Boolean>) connection -> {
            List<byte[]> members = new ArrayList<>(pageSize);
            try (Cursor<Tuple> cursor = connection.zSetCommands()
                .zScan(RedisKeys.bytes(index), ScanOptions.scanOptions().count(pageSize).build())) {
                while (cursor.hasNext()) {
                    members.add(cursor.next().getValue());
                    if (members.size() == pageSize) {
                        page.accept(List.copyOf(members));
                        members.clear();
                    }
                }
            }
            if (!members.isEmpty()) {
                page.accept(List.copyOf(members));
            }
            return Boolean.TRUE;
        });
    }

    /** @return up to {@code count} members of a sorted set, lowest score first */
    List<String> firstMembers(String index, int count) {
        java.util.Set<byte[]> members = this.template
            .execute((RedisCallback<java.util.Set<byte[]>>) connection -> connection.zSetCommands().zRange(RedisKeys.bytes(index), 0, count - 1));
        if (members == null) {
            throw new StorageException("Redis gave no ZRANGE reply for " + index);
        }
        return members.stream().map(member -> new String(member, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    void unlink(List<String> keys) {
        byte[][] keyBytes = keys.stream().map(RedisKeys::bytes).toArray(byte[][]::new);
        this.template.execute((RedisCallback<Long>) connection -> connection.keyCommands().unlink(keyBytes));
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> byteList(Object reply) {
        if (reply instanceof List<?> list) {
            return (List<byte[]>) list;
        }
        throw new StorageException("Redis answered a hash read with " + reply.getClass().getSimpleName() + ", not a list");
    }

    private static boolean isTryAgain(RuntimeException ex) {
        return isServerError(ex, "TRYAGAIN");
    }

    /**
     * @param code the error code Redis starts its error reply with, such as {@code TRYAGAIN}
     * @return whether the failure is that error reply of the server
     */
    static boolean isServerError(RuntimeException ex, String code) {
        String message = NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
        return message != null && message.startsWith(code);
    }

}
