package io.mtgo.storage.encryption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Session;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.AuthKeyCipher;
import io.mtgo.storage.support.StorageBuilders;
import io.mtgo.storage.test.TestServices;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Auth keys encrypted at rest in every persistent backend: the raw row, hash or document holds no
 * plaintext key, the right key reads it back, a wrong key fails clearly, and rotation works.
 */
class AuthKeyEncryptionTests {

    private static final String KEY_A = key(1);

    private static final String KEY_B = key(2);

    @TempDir
    static Path directory;

    private static HikariDataSource h2;

    private static HikariDataSource postgres;

    private static LettuceConnectionFactory redis;

    private static MongoTemplate mongo;

    /** A backend: builds a storage on the shared infrastructure, and reads a session's raw stored auth key. */
    record Backend(String name, BiFunction<String, AuthKeyCipher, AbstractStorage> open, BiFunction<String, Void, byte[]> rawKey) {

        @Override
        public String toString() {
            return this.name;
        }

    }

    @BeforeAll
    static void openInfrastructure() {
        h2 = new HikariDataSource();
        h2.setJdbcUrl("jdbc:h2:file:" + directory.resolve("encryption"));
        TestServices.Jdbc pg = TestServices.postgres();
        postgres = new HikariDataSource();
        postgres.setJdbcUrl(pg.url());
        postgres.setUsername(pg.username());
        postgres.setPassword(pg.password());
        TestServices.Redis r = TestServices.redis();
        redis = new LettuceConnectionFactory(r.host(), r.port());
        redis.afterPropertiesSet();
        redis.start();
        mongo = new MongoTemplate(MongoClients.create(TestServices.mongodb().uri()), "mtgo_encryption");
    }

    @AfterAll
    static void closeInfrastructure() {
        h2.close();
        postgres.close();
        redis.destroy();
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of(new Backend("H2", (name, cipher) -> open(h2, name, cipher), (name, unused) -> rawJdbc(h2, name))),
                Arguments.of(new Backend("PostgreSQL", (name, cipher) -> open(postgres, name, cipher),
                        (name, unused) -> rawJdbc(postgres, name))),
                Arguments.of(new Backend("Redis", (name, cipher) -> open(redis, name, cipher), (name, unused) -> rawRedis(name))),
                Arguments.of(new Backend("MongoDB", (name, cipher) -> open(mongo, name, cipher), (name, unused) -> rawMongo(name))));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void storedAuthKeyHoldsNoPlaintextAndReadsBack(Backend backend) {
        String name = "enc-" + UUID.randomUUID();
        byte[] authKey = authKey();
        try (AbstractStorage storage = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_A)))) {
            storage.saveSession(Session.builder(name).authKey(authKey).build());
            byte[] raw = backend.rawKey().apply(name, null);
            assertThat(raw).hasSize(AuthKeyCipher.SEALED_LENGTH);
            assertThat(containsWindow(raw, authKey)).as("plaintext key bytes in the stored value").isFalse();
            assertThat(storage.loadSession(name).orElseThrow().authKey()).isEqualTo(authKey);
            storage.deleteSession(name);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aWrongKeyFailsClearlyAndRotationReadsOldRowsAndRewritesThem(Backend backend) {
        String name = "enc-" + UUID.randomUUID();
        byte[] authKey = authKey();
        try (AbstractStorage withA = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_A)))) {
            withA.saveSession(Session.builder(name).authKey(authKey).build());
        }
        try (AbstractStorage withB = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_B)))) {
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> withB.loadSession(name))
                .withMessageContaining("key id");
        }
        try (AbstractStorage rotated = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_B, KEY_A)))) {
            Session session = rotated.loadSession(name).orElseThrow();
            assertThat(session.authKey()).isEqualTo(authKey);
            rotated.saveSession(session);
        }
        try (AbstractStorage onlyB = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_B)))) {
            assertThat(onlyB.loadSession(name).orElseThrow().authKey()).isEqualTo(authKey);
            onlyB.deleteSession(name);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void plainRowsWrittenBeforeEncryptionAreReadAndEncryptedOnTheNextSave(Backend backend) {
        String name = "enc-" + UUID.randomUUID();
        byte[] authKey = authKey();
        try (AbstractStorage plain = backend.open().apply(name, AuthKeyCipher.PLAIN)) {
            plain.saveSession(Session.builder(name).authKey(authKey).build());
            assertThat(backend.rawKey().apply(name, null)).isEqualTo(authKey);
        }
        try (AbstractStorage encrypting = backend.open().apply(name, AuthKeyCipher.of(List.of(KEY_A)))) {
            Session session = encrypting.loadSession(name).orElseThrow();
            encrypting.saveSession(session);
            assertThat(backend.rawKey().apply(name, null)).hasSize(AuthKeyCipher.SEALED_LENGTH);
            encrypting.deleteSession(name);
        }
    }

    private static AbstractStorage open(Object connection, String name, AuthKeyCipher cipher) {
        return StorageBuilders.forConnection(connection).sessionName(name).authKeyCipher(cipher).build();
    }

    private static byte[] rawJdbc(HikariDataSource dataSource, String name) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT auth_key FROM mtgo_sessions WHERE session_name = ?", byte[].class,
                name);
    }

    private static byte[] rawRedis(String name) {
        List<byte[]> keys = new ArrayList<>();
        try (RedisConnection connection = redis.getConnection()) {
            try (var cursor = connection.keyCommands().scan(ScanOptions.scanOptions().match("mtgo:{" + name + "}:session").build())) {
                cursor.forEachRemaining(keys::add);
            }
            assertThat(keys).hasSize(1);
            return connection.hashCommands().hGet(keys.get(0), "auth_key".getBytes());
        }
    }

    private static byte[] rawMongo(String name) {
        Document document = mongo.getCollection("mtgo_sessions").find(Filters.eq("_id", name)).first();
        return document.get("authKey", Binary.class).getData();
    }

    private static boolean containsWindow(byte[] haystack, byte[] key) {
        for (int start = 0; start + 8 <= key.length; start += 8) {
            for (int i = 0; i + 8 <= haystack.length; i++) {
                boolean same = true;
                for (int j = 0; j < 8 && same; j++) {
                    same = haystack[i + j] == key[start + j];
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] authKey() {
        byte[] key = new byte[256];
        new Random().nextBytes(key);
        return key;
    }

    private static String key(int seed) {
        byte[] material = new byte[32];
        new Random(seed).nextBytes(material);
        return Base64.getEncoder().encodeToString(material);
    }

}
