package io.mtgo.storage.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;

/**
 * The Redis backend's yardstick: raw Lettuce with the peer hash fields of the library
 * ({@code RedisHashCodec}) and a string key per username, auto-flush off. A save of one peer or
 * of a batch is one {@code EVALSHA} of a short script doing the store's logical work atomically,
 * as a careful engineer would: per peer, release the username it held before if it is giving it
 * up, take a claimed username from any other peer holding it (that peer's hash loses the field),
 * replace the peer's hash, point the username at it. None of the store's extras: no guards for
 * min peers, no peer index or expiry, no declared keys for Redis Cluster. A username lookup is GET
 * then HGETALL; the rest are single commands.
 */
final class LettuceBaseline implements RawBaseline {

    private static final String BASE = "mtgo:{" + JdbcBaseline.SESSION + "}:";

    private final RedisClient client;

    private final StatefulRedisConnection<String, byte[]> connection;

    private final RedisAsyncCommands<String, byte[]> commands;

    /**
     * ARGV[1] the key prefix, then per peer: id, username key ("" for none), field count f, f
     * field/value pairs. Builds key names itself: fine on one Redis server, not on a cluster.
     */
    private static final String SAVE_PEERS = """
            local base = ARGV[1]
            local at = 2
            while at <= #ARGV do
              local id, name, count = ARGV[at], ARGV[at + 1], tonumber(ARGV[at + 2])
              local key = base .. 'peer:' .. id
              local old = redis.call('HGET', key, 'username')
              if old then
                local oldName = string.lower(old)
                if oldName ~= name and redis.call('GET', base .. 'username:' .. oldName) == id then
                  redis.call('DEL', base .. 'username:' .. oldName)
                end
              end
              if name ~= '' then
                local holder = redis.call('GET', base .. 'username:' .. name)
                if holder and holder ~= id then
                  redis.call('HDEL', base .. 'peer:' .. holder, 'username')
                end
                redis.call('SET', base .. 'username:' .. name, id)
              end
              redis.call('DEL', key)
              redis.call('HSET', key, unpack(ARGV, at + 3, at + 2 + 2 * count))
              at = at + 3 + 2 * count
            end
            return 1
            """;

    private final String savePeersSha;

    LettuceBaseline(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = this.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.connection.setAutoFlushCommands(false);
        this.commands = this.connection.async();
        this.savePeersSha = await(this.commands.scriptLoad(SAVE_PEERS));
    }

    @Override
    public void savePeer(Peer peer) {
        savePeers(List.of(peer));
    }

    @Override
    public void savePeers(List<Peer> peers) {
        List<byte[]> args = new ArrayList<>(1 + peers.size() * 27);
        args.add(bytes(BASE));
        for (Peer peer : peers) {
            Map<String, byte[]> fields = encode(peer);
            String usernameKey = Usernames.keyOf(peer.username());
            args.add(bytes(Long.toString(peer.id())));
            args.add(bytes((usernameKey != null) ? usernameKey : ""));
            args.add(bytes(Integer.toString(fields.size())));
            fields.forEach((field, value) -> {
                args.add(bytes(field));
                args.add(value);
            });
        }
        await(this.commands.evalsha(this.savePeersSha, ScriptOutputType.INTEGER, new String[0], args.toArray(new byte[0][])));
    }

    @Override
    public Object loadPeer(long id) {
        Map<String, byte[]> fields = await(this.commands.hgetall(BASE + "peer:" + id));
        return fields.isEmpty() ? null : decode(id, fields);
    }

    @Override
    public Object loadPeerByUsername(String usernameKey) {
        byte[] id = await(this.commands.get(BASE + "username:" + usernameKey));
        if (id == null) {
            return null;
        }
        return loadPeer(Long.parseLong(new String(id, StandardCharsets.UTF_8)));
    }

    @Override
    public void setUpdateState(int dcId, byte[] state) {
        await(this.commands.hset(BASE + "state", Integer.toString(dcId), state));
    }

    @Override
    public void saveSession(Session session) {
        String key = BASE + "session";
        Map<String, byte[]> fields = new HashMap<>();
        fields.put("dc_id", bytes(Integer.toString(session.dcId())));
        put(fields, "server_address", session.serverAddress());
        fields.put("port", bytes(Integer.toString(session.port())));
        fields.put("test_mode", bytes(session.testMode() ? "1" : "0"));
        if (session.authKey() != null) {
            fields.put("auth_key", session.authKey());
        }
        fields.put("api_id", bytes(Integer.toString(session.apiId())));
        put(fields, "api_hash", session.apiHash());
        fields.put("date", bytes(Long.toString(session.date())));
        List<Future<?>> replies = List.of(this.commands.del(key), this.commands.hset(key, fields));
        flushAndAwait(replies);
    }

    @Override
    public Object loadSession(String name) {
        Map<String, byte[]> fields = await(this.commands.hgetall(BASE + "session"));
        if (fields.isEmpty()) {
            return null;
        }
        return Session.builder(name)
            .dcId(Integer.parseInt(text(fields, "dc_id")))
            .serverAddress(text(fields, "server_address"))
            .port(Integer.parseInt(text(fields, "port")))
            .testMode("1".equals(text(fields, "test_mode")))
            .authKey(fields.get("auth_key"))
            .apiId(Integer.parseInt(text(fields, "api_id")))
            .apiHash(text(fields, "api_hash"))
            .date(Long.parseLong(text(fields, "date")))
            .build();
    }

    /** Unlinks the raw session's keys found by SCAN over its own pattern; never FLUSHDB. */
    @Override
    public void close() {
        try {
            ScanArgs match = ScanArgs.Builder.matches("mtgo:{" + JdbcBaseline.SESSION + "}:*").limit(1000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = await(this.commands.scan(cursor, match));
                if (!page.getKeys().isEmpty()) {
                    await(this.commands.unlink(page.getKeys().toArray(String[]::new)));
                }
                cursor = page;
            }
            while (!cursor.isFinished());
        }
        finally {
            this.connection.close();
            this.client.shutdown();
        }
    }

    private static Map<String, byte[]> encode(Peer peer) {
        Map<String, byte[]> fields = new HashMap<>(24);
        fields.put("type", bytes(peer.type().name()));
        fields.put("access_hash", bytes(Long.toString(peer.accessHash())));
        put(fields, "username", peer.username());
        put(fields, "usernames", peer.usernames().isEmpty() ? null : String.join(",", peer.usernames()));
        put(fields, "first_name", peer.firstName());
        put(fields, "last_name", peer.lastName());
        put(fields, "phone", peer.phoneNumber());
        fields.put("bot", bytes(peer.bot() ? "1" : "0"));
        fields.put("photo_id", bytes(Long.toString(peer.photoId())));
        put(fields, "language", peer.language());
        fields.put("last_updated", bytes(Long.toString(peer.lastUpdated())));
        fields.put("min", bytes(peer.min() ? "1" : "0"));
        return fields;
    }

    private static Peer decode(long id, Map<String, byte[]> fields) {
        String usernames = text(fields, "usernames");
        return Peer.builder(id, PeerType.valueOf(text(fields, "type")))
            .accessHash(Long.parseLong(text(fields, "access_hash")))
            .username(text(fields, "username"))
            .usernames((usernames != null) ? List.of(usernames.split(",")) : List.of())
            .firstName(text(fields, "first_name"))
            .lastName(text(fields, "last_name"))
            .phoneNumber(text(fields, "phone"))
            .bot("1".equals(text(fields, "bot")))
            .photoId(Long.parseLong(text(fields, "photo_id")))
            .language(text(fields, "language"))
            .lastUpdated(Long.parseLong(text(fields, "last_updated")))
            .min("1".equals(text(fields, "min")))
            .build();
    }

    private static void put(Map<String, byte[]> fields, String field, String value) {
        if (value != null) {
            fields.put(field, bytes(value));
        }
    }

    private static String text(Map<String, byte[]> fields, String field) {
        byte[] value = fields.get(field);
        return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T await(RedisFuture<T> reply) {
        this.connection.flushCommands();
        try {
            return reply.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

    private void flushAndAwait(List<Future<?>> replies) {
        this.connection.flushCommands();
        try {
            for (Future<?> reply : replies) {
                reply.get();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

}
