package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis test classes' one set-up, as a JUnit extension: register it with
 * {@code @RegisterExtension static final RedisTestSupport redis = new RedisTestSupport("purpose")}.
 * Before the class's tests (and its own {@code @BeforeAll} methods) it connects to the test Redis
 * ({@link TestServices#redis()}); every key the tests write sits under a prefix of its own, so
 * tests share the machine's Redis without touching anything else on it. After the class, every key
 * under the prefix (leases included) is deleted and the connection closed. Lettuce unless made
 * {@link #onJedis}.
 */
final class RedisTestSupport implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    RedisConnectionFactory connectionFactory;

    StringRedisTemplate redis;

    final String keyPrefix;

    private final boolean jedis;

    private Runnable destroyConnectionFactory = () -> { };

    RedisTestSupport(String purpose) {
        this(purpose, false);
    }

    private RedisTestSupport(String purpose, boolean jedis) {
        this.keyPrefix = "mtgo-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.jedis = jedis;
    }

    /** The same on Spring Boot's other client, Jedis. */
    static RedisTestSupport onJedis(String purpose) {
        return new RedisTestSupport(purpose, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.Redis server = TestServices.redis();
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(server.host(), server.port());
        if (this.jedis) {
            JedisConnectionFactory factory = new JedisConnectionFactory(configuration);
            factory.afterPropertiesSet();
            factory.start();
            this.connectionFactory = factory;
            this.destroyConnectionFactory = factory::destroy;
        }
        else {
            LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
            factory.afterPropertiesSet();
            factory.start();
            this.connectionFactory = factory;
            this.destroyConnectionFactory = factory::destroy;
        }
        this.redis = new StringRedisTemplate(this.connectionFactory);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (this.connectionFactory != null) {
            close();
        }
    }

    RedisStorage.Builder storage() {
        return RedisStorage.builder(this.connectionFactory).keyPrefix(this.keyPrefix);
    }

    /** Every key matching a SCAN pattern, found the way an operator would (never KEYS). */
    List<String> scan(String pattern) {
        return this.redis.execute((RedisCallback<List<String>>) connection -> {
            List<String> keys = new ArrayList<>();
            try (Cursor<byte[]> cursor = connection.keyCommands().scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
                cursor.forEachRemaining(key -> keys.add(new String(key, StandardCharsets.UTF_8)));
            }
            return keys;
        });
    }

    /** Every key under this test's prefix. */
    List<String> allKeys() {
        return scan(this.keyPrefix + ":*");
    }

    @Override
    public void close() {
        try {
            List<String> keys = allKeys();
            if (!keys.isEmpty()) {
                this.redis.delete(keys);
            }
        }
        finally {
            this.destroyConnectionFactory.run();
        }
    }

}
