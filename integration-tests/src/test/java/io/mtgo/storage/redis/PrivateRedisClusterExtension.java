package io.mtgo.storage.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis Cluster tests' one set-up, as a JUnit extension: register it with
 * {@code @RegisterExtension static final PrivateRedisClusterExtension redis = new PrivateRedisClusterExtension()}.
 * Starts a private 3+3 cluster on spare loopback ports before the class and stops only its nodes
 * after it (never the machine's Redis).
 */
final class PrivateRedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private PrivateRedisCluster cluster;

    private LettuceConnectionFactory connectionFactory;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        this.cluster = PrivateRedisCluster.start();
        this.connectionFactory = this.cluster.connectionFactory();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    PrivateRedisCluster cluster() {
        return this.cluster;
    }

    /** The tests' one client of the cluster, closed with it. */
    LettuceConnectionFactory connectionFactory() {
        return this.connectionFactory;
    }

}
