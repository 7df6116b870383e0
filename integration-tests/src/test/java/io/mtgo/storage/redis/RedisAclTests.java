package io.mtgo.storage.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The storage as a Redis ACL user that may run exactly the commands {@code docs/redis.md} lists (read
 * from the document, so the list cannot drift from what the storage sends), on its key prefix only:
 * every operation and the lease work. Without one of them, the refusal reaches the caller with
 * Redis's reason instead of Spring's bare "Error in execution".
 */
class RedisAclTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("acl");

    private final String user = "mtgo-acl-test-" + UUID.randomUUID().toString().substring(0, 8);

    private final String password = UUID.randomUUID().toString();

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    @AfterEach
    void deleteUser() {
        this.factories.forEach(LettuceConnectionFactory::destroy);
        // ACL DELUSER answers a number, which Spring's generic execute cannot read: Lettuce's own API.
        redis.redis.execute((RedisCallback<Long>) connection -> {
            RedisClusterAsyncCommands<?, ?> commands = (RedisClusterAsyncCommands<?, ?>) connection.getNativeConnection();
            try {
                return commands.aclDeluser(this.user).get(10, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException("ACL DELUSER " + this.user, ex);
            }
        });
    }

    @Test
    void theDocumentedCommandsAreAllTheStorageNeeds() throws Exception {
        List<String> commands = documentedCommands();
        assertThat(commands).contains("EVALSHA", "HSET", "ZADD", "INCR");
        createUser(commands);

        asUser(storage -> {
            storage.saveSession(Session.builder("acl").dcId(2).authKey(new byte[256]).build());
            storage.savePeers(List.of(Peer.builder(7, PeerType.USER).accessHash(1).username("Alice_Acl").build(),
                    Peer.builder(7, PeerType.CHANNEL).accessHash(2).build()));
            storage.savePeer(Peer.builder(8, PeerType.USER).accessHash(3).username("alice_acl").min(true).build());
            assertThat(storage.loadPeerByUsername("@ALICE_ACL")).map(Peer::id).contains(8L);
            assertThat(storage.loadPeer(PeerType.USER, 7)).map(Peer::accessHash).contains(1L);
            assertThat(storage.loadPeer(PeerType.CHANNEL, 7)).map(Peer::accessHash).contains(2L);
            storage.setUserId(42);
            storage.setUpdateState(2, new byte[] { 1, 2, 3 });
            RedisStorage redisStorage = (RedisStorage) storage;
            redisStorage.saveConversation(Conversation.builder(1, 2).name("acl").data(Map.of("k", "v")).build());
            assertThat(redisStorage.loadConversation(1, 2)).isPresent();
            assertThat(redisStorage.allPeers()).hasSize(3);
            assertThat(redisStorage.allConversations()).hasSize(1);
            assertThat(redisStorage.sessionNames()).contains("acl");

            SessionLease lease = storage.leases().tryAcquire("acl", "one", Duration.ofSeconds(30)).orElseThrow();
            assertThat(storage.leases().renew(lease, Duration.ofSeconds(30))).isPresent();
            assertThat(storage.leases().current("acl")).isPresent();
            assertThat(storage.leases().release(lease)).isTrue();

            storage.deletePeer(PeerType.USER, 8);
            redisStorage.deleteConversation(1, 2);
            storage.deleteSession("acl");
            assertThat(storage.loadSession("acl")).isEmpty();
        });
    }

    @Test
    void aCommandTheGrantLacksFailsWithRedisReason() throws Exception {
        List<String> commands = new ArrayList<>(documentedCommands());
        commands.remove("INCR");
        createUser(commands);
        asUser(storage -> assertThatExceptionOfType(StorageException.class)
            .isThrownBy(() -> storage.leases().tryAcquire("acl", "one", Duration.ofSeconds(30)))
            .withMessageContaining("can't run this command"));
    }

    /** The commands in the "Commands." paragraph of docs/redis.md: every upper-case word in backticks. */
    private static List<String> documentedCommands() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "redis.md"));
        Matcher paragraph = Pattern.compile("\\*\\*Commands\\.\\*\\*(.*?)\\n\\n", Pattern.DOTALL).matcher(doc);
        assertThat(paragraph.find()).as("the Commands paragraph of docs/redis.md").isTrue();
        String text = paragraph.group(1);
        String uses = text.substring(text.indexOf("It uses"), text.indexOf("grant these"));
        List<String> commands = new ArrayList<>();
        Matcher command = Pattern.compile("`([A-Z]+)`").matcher(uses);
        while (command.find()) {
            commands.add(command.group(1));
        }
        return commands;
    }

    private void createUser(List<String> commands) {
        List<String> rules = new ArrayList<>(List.of("SETUSER", this.user, "reset", "on", ">" + this.password,
                "~" + redis.keyPrefix + ":*", "+@connection"));
        commands.forEach(command -> rules.add("+" + command.toLowerCase()));
        acl(rules.toArray(String[]::new));
    }

    private void asUser(Consumer<Storage> work) {
        TestServices.Redis server = TestServices.redis();
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(server.host(), server.port());
        configuration.setUsername(this.user);
        configuration.setPassword(this.password);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        this.factories.add(factory);
        factory.afterPropertiesSet();
        factory.start();
        try (Storage storage = RedisStorage.builder(factory).keyPrefix(redis.keyPrefix).sessionName("acl").build()) {
            work.accept(storage);
        }
    }

    private static void acl(String... arguments) {
        redis.redis.execute((RedisCallback<Object>) connection -> connection.execute("ACL",
                Arrays.stream(arguments).map(String::getBytes).toArray(byte[][]::new)));
    }

}
