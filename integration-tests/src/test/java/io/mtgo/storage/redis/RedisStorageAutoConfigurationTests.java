package io.mtgo.storage.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.RedisStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.StorageStartupException;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseKeeper;
import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisStorageAutoConfiguration} with Boot's Redis auto-configuration and
 * {@code spring.data.redis.*}: the injected {@link Storage} is a working {@link RedisStorage} that
 * honours {@code mtgo.storage.redis.*}, and whose session lease a graceful shutdown releases.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisStorageAutoConfigurationTests {

    @RegisterExtension
    static final RedisTestSupport redis = new RedisTestSupport("autoconf");

    private final String sessionName = "autoconf-" + UUID.randomUUID().toString().substring(0, 8);

    private ApplicationContextRunner contextRunner;


    private ApplicationContextRunner runner() {
        TestServices.Redis server = TestServices.redis();
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisStorageAutoConfiguration.class,
                    MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
                    "mtgo.storage.session-name=" + this.sessionName, "mtgo.storage.redis.key-prefix=" + redis.keyPrefix);
    }

    @Test
    void injectedStorageIsAWorkingRedisStorageUnderTheConfiguredPrefix() {
        runner().run(context -> {
            Storage storage = context.getBean(Storage.class);
            assertThat(storage).isInstanceOf(RedisStorage.class);
            assertThat(storage.sessionName()).isEqualTo(this.sessionName);
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(3).username("autoconf_user").build());
            storage.setUserId(1);
            assertThat(storage.loadPeerByUsername("autoconf_user")).map(Peer::id).contains(1L);
            assertThat(redis.scan(redis.keyPrefix + ":{" + this.sessionName + "}:*")).as("peer, peer index, username hash, metadata").hasSize(4);
            storage.deleteSession(this.sessionName);
        });
        assertThat(redis.redis.hasKey("any")).as("Boot's factory, not ours, was closed with the context").isNotNull();
    }

    @Test
    void timeToLivePropertiesAreHonoured() {
        runner().withPropertyValues("mtgo.storage.redis.peer-ttl=30m", "mtgo.storage.redis.conversation-ttl=10s")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(3).build());
                storage.setUserId(1);
                RedisKeys keys = new RedisKeys(redis.keyPrefix);
                assertThat(redis.redis.getExpire(keys.peer(this.sessionName, 1), TimeUnit.SECONDS)).isBetween(1700L, 1800L);
                assertThat(redis.redis.getExpire(keys.metadata(this.sessionName), TimeUnit.SECONDS)).isEqualTo(-1L);
                storage.deleteSession(this.sessionName);
            });
    }

    @Test
    void aValueTheStoreRefusesFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("mtgo.storage.redis.key-prefix=bad{x}").run(context -> assertThat(context.getStartupFailure())
            .hasStackTraceContaining("StorageStartupException: mtgo.storage.redis.key-prefix must not contain '{', '}' or whitespace"));
        runner().withPropertyValues("mtgo.storage.redis.peer-ttl=-5s").run(context -> assertThat(context.getStartupFailure())
            .hasStackTraceContaining("StorageStartupException: mtgo.storage.redis.peer-ttl must be at least 1ms but was PT-5S."));
        // Someone who wrote 0s for "never" learns how to say it.
        runner().withPropertyValues("mtgo.storage.redis.peer-ttl=0s").run(context -> {
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof StorageStartupException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(StorageStartupException.class);
            assertThat(((StorageStartupException) failure).getAction())
                .isEqualTo("Correct mtgo.storage.redis.peer-ttl, or remove it for entries that never expire.");
        });
    }

    /**
     * Boot's Redis connection factory is a lifecycle bean, stopped before any bean is destroyed: the
     * lease must be released before that, not on destroy, or the next instance waits a whole TTL.
     */
    @Test
    void closingTheContextReleasesTheLeaseBeforeTheConnectionFactoryStops(CapturedOutput output) {
        SessionLeases observer = redis.storage().sessionName("observer").build().leases();
        withLease().run(context -> {
            assertThat(context).hasNotFailed();
            SessionLease held = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
            assertThat(observer.current(this.sessionName)).contains(held);
        });
        assertThat(observer.current(this.sessionName)).as("lease after close").isEmpty();
        assertThat(output).contains("Released the lease of session '" + this.sessionName + "'")
            .doesNotContain("Could not release the lease");
        assertThat(observer.tryAcquire(this.sessionName, "instance-b", Duration.ofSeconds(5))).as("next instance, at once").isPresent();
    }

    /** Without the lease the storage starts and recovers later; with it, start-up must stop, explained, not as a stack trace. */
    @Test
    void aLeaseThatCannotReachRedisFailsStartUpWithAnExplanation() throws Exception {
        int nothingListens;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothingListens = socket.getLocalPort();
        }
        withLease().withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + nothingListens)
            .run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("StorageStartupException: mtgo-storage could not acquire the lease of session '"
                        + this.sessionName + "'"));
    }

    /** A context stopped and started again (as around a checkpoint and restore) holds the lease again. */
    @Test
    void restartedContextTakesTheLeaseAgain() {
        SessionLeases observer = redis.storage().sessionName("observer").build().leases();
        withLease().run(context -> {
            SessionLease first = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
            context.stop();
            assertThat(observer.current(this.sessionName)).as("lease while stopped").isEmpty();
            context.start();
            SessionLease second = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
            assertThat(second.token()).isGreaterThan(first.token());
            assertThat(observer.current(this.sessionName)).contains(second);
            context.getBean(Storage.class).setUserId(7);
            assertThat(context.getBean(Storage.class).getUserId()).hasValue(7L);
        });
        assertThat(observer.current(this.sessionName)).as("lease after close").isEmpty();
    }

    private ApplicationContextRunner withLease() {
        return runner().withConfiguration(AutoConfigurations.of(SessionLeaseAutoConfiguration.class))
            .withPropertyValues("mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=instance-a", "mtgo.storage.lease.ttl=60s");
    }

    @Test
    void logsHostAndPortWithoutThePassword(CapturedOutput output) {
        TestServices.Redis server = TestServices.redis();
        runner().withPropertyValues("spring.data.redis.password=top-secret-password")
            .run(context -> assertThat(context).hasSingleBean(RedisStorage.class));
        assertThat(output).contains("uses the redis backend on RedisConnectionFactory " + server.host() + ":" + server.port())
            .doesNotContain("top-secret-password");
    }

    @Test
    void backsOffWithoutARedisConnectionFactoryBean() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class))
            .run(context -> {
                assertThat(context).doesNotHaveBean(RedisStorage.class);
                assertThat(context.getBean(Storage.class)).isInstanceOf(MemoryStorage.class);
            });
    }

    @Test
    void backsOffWithoutSpringDataRedis() {
        // The whole library hidden, as in an application without it: hiding only the factory's
        // interface leaves Boot's Lettuce and Jedis configurations (both clients are on the test
        // classpath) each defining the factory bean.
        runner().withClassLoader(new FilteredClassLoader("org.springframework.data.redis")).run(context -> {
            assertThat(context).doesNotHaveBean(RedisStorage.class);
            assertThat(context.getBean(Storage.class)).isInstanceOf(MemoryStorage.class);
        });
    }

}
