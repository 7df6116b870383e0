package io.mtgo.storage.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.interop.SessionStringFormat;
import io.mtgo.storage.interop.SessionStrings;
import io.mtgo.storage.spi.AuthKeyCipher;
import io.mtgo.storage.spi.StorageBuilder;
import io.mtgo.storage.support.StorageBuilders;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With DEBUG logging for the library, Hibernate's SQL, Lettuce and the MongoDB driver, a session's
 * whole life on each backend (save, load, overwrite, export as a string, failures included) leaves
 * no auth key in any encoding, no api hash and no session string in the output. The one exception
 * is the MongoDB driver's own DEBUG command log, which prints every document it sends: there only
 * encryption keeps the auth key out, and the api hash is visible (documented in docs/mongodb.md).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

    private static final List<String> DEBUG_LOGGERS = List.of("io.mtgo", "org.hibernate.SQL", "io.lettuce", "org.mongodb.driver",
            "org.springframework.data", "org.springframework.orm", "org.springframework.jdbc", "com.zaxxer.hikari", "liquibase");

    private static final String API_HASH = "0123456789abcdef0123456789abcdef";

    @TempDir
    static Path directory;

    private static final Map<String, Level> previousLevels = new java.util.HashMap<>();

    @BeforeAll
    static void debugLogging() {
        for (String name : DEBUG_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterAll
    static void restoreLogging() {
        previousLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "sqlite", "postgres", "mariadb", "redis", "mongodb" })
    void noSecretReachesTheLogs(String backend, CapturedOutput output) throws Exception {
        byte[] authKey = new byte[256];
        new Random().nextBytes(authKey);
        String name = "secrets-" + UUID.randomUUID();
        try (Infrastructure infrastructure = Infrastructure.open(backend)) {
            boolean mongo = backend.equals("mongodb");
            StorageBuilder<?> builder = StorageBuilders.forConnection(infrastructure.connection()).sessionName(name);
            if (mongo) {
                // The MongoDB driver logs whole command documents at DEBUG (org.mongodb.driver.protocol.command):
                // only an encrypted auth key keeps the key out of such logs (documented in docs/mongodb.md).
                builder.authKeyCipher(AuthKeyCipher.of(List.of(Base64.getEncoder().encodeToString(new byte[32]))));
            }
            Storage storage = builder.build();
            Session session = Session.builder(name).dcId(2).serverAddress("149.154.167.51").port(443).authKey(authKey)
                .apiId(12345).apiHash(API_HASH).build();
            storage.saveSession(session);
            storage.saveSession(session.toBuilder().port(80).build());
            Session loaded = storage.loadSession(name).orElseThrow();
            assertThat(loaded.authKey()).isEqualTo(authKey);
            System.out.println("loaded " + loaded);
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(5).username("secret_peer").build());
            ((ConversationStore) storage).saveConversation(Conversation.builder(1, 2).step("s").build());
            String sessionString = SessionStrings.export(loaded, SessionStringFormat.TELETHON);
            try {
                storage.loadPeerByUsername("bad name!");
            }
            catch (IllegalArgumentException expected) {
                System.out.println("rejected: " + expected.getMessage());
            }
            storage.deleteSession(name);
            storage.close();

            String all = output.getAll();
            assertThat(all).as("the scenario must have produced DEBUG output to check").isNotBlank();
            for (String encoding : encodings(authKey)) {
                assertThat(all).as("auth key in the logs").doesNotContain(encoding);
            }
            assertThat(all).doesNotContain(sessionString).doesNotContain(sessionString.substring(1, 40));
            if (!mongo) {
                // Stored as plain text, so the MongoDB driver's command log shows it (see above and docs/mongodb.md).
                assertThat(all).doesNotContain(API_HASH);
            }
        }
    }

    /** The auth key as hex (both cases), base64 (both alphabets) and raw bytes, whole and in slices. */
    private static List<String> encodings(byte[] key) {
        List<String> encodings = new java.util.ArrayList<>();
        for (int start = 0; start + 24 <= key.length; start += 24) {
            byte[] slice = java.util.Arrays.copyOfRange(key, start, start + 24);
            encodings.add(HexFormat.of().formatHex(slice));
            encodings.add(HexFormat.of().withUpperCase().formatHex(slice));
            encodings.add(Base64.getEncoder().withoutPadding().encodeToString(slice));
            encodings.add(Base64.getUrlEncoder().withoutPadding().encodeToString(slice));
        }
        encodings.add(Base64.getEncoder().encodeToString(key).substring(8, 64));
        encodings.add(new String(key, 16, 24, StandardCharsets.ISO_8859_1));
        return encodings;
    }

    /** A backend's infrastructure for one test, closed afterwards. */
    private record Infrastructure(Object connection, AutoCloseable resource) implements AutoCloseable {

        static Infrastructure open(String backend) {
            return switch (backend) {
                case "memory" -> new Infrastructure(null, () -> {
                });
                case "h2" -> jdbc("jdbc:h2:file:" + directory.resolve("secrets"), "sa", "");
                case "sqlite" -> jdbc("jdbc:sqlite:" + directory.resolve("secrets.sqlite"), null, null);
                case "postgres" -> jdbc(TestServices.postgres());
                case "mariadb" -> jdbc(TestServices.mariadb());
                case "redis" -> {
                    TestServices.Redis redis = TestServices.redis();
                    LettuceConnectionFactory factory = new LettuceConnectionFactory(redis.host(), redis.port());
                    factory.afterPropertiesSet();
                    factory.start();
                    yield new Infrastructure(factory, factory::destroy);
                }
                case "mongodb" -> {
                    var client = MongoClients.create(TestServices.mongodb().uri());
                    yield new Infrastructure(new MongoTemplate(client, "mtgo_secrets"), client::close);
                }
                default -> throw new IllegalArgumentException(backend);
            };
        }

        private static Infrastructure jdbc(TestServices.Jdbc db) {
            return jdbc(db.url(), db.username(), db.password());
        }

        private static Infrastructure jdbc(String url, String username, String password) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            if (username != null) {
                dataSource.setUsername(username);
                dataSource.setPassword(password);
            }
            return new Infrastructure(dataSource, dataSource::close);
        }

        @Override
        public void close() throws Exception {
            this.resource.close();
        }

    }

}
