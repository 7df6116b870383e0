package io.mtgo.storage.sample;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The storage a {@code copy-to} command writes into, opened from a URL ({@code jdbc:...},
 * {@code redis://host:port}, {@code mongodb://host/db}) and closed with everything it opened.
 */
final class CopyTarget implements AutoCloseable {

    private final Storage storage;

    private final AutoCloseable resources;

    private CopyTarget(Storage storage, AutoCloseable resources) {
        this.storage = storage;
        this.resources = resources;
    }

    static CopyTarget open(String url, String username, String password, String sessionName) {
        if (url.startsWith("jdbc:")) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            if (username != null) {
                dataSource.setUsername(username);
                dataSource.setPassword((password != null) ? password : "");
            }
            return new CopyTarget(Storages.adapt(dataSource, sessionName), dataSource);
        }
        if (url.startsWith("redis://")) {
            java.net.URI uri = java.net.URI.create(url);
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379));
            factory.afterPropertiesSet();
            factory.start();
            return new CopyTarget(Storages.adapt(factory, sessionName), factory::destroy);
        }
        if (url.startsWith("mongodb://") || url.startsWith("mongodb+srv://")) {
            ConnectionString connection = new ConnectionString(url);
            MongoClient client = MongoClients.create(connection);
            String database = (connection.getDatabase() != null) ? connection.getDatabase() : "mtgo";
            return new CopyTarget(Storages.adapt(new MongoTemplate(client, database), sessionName), client::close);
        }
        throw new IllegalArgumentException("copy-to needs a jdbc:, redis:// or mongodb:// URL");
    }

    Storage storage() {
        return this.storage;
    }

    @Override
    public void close() throws Exception {
        try {
            this.storage.close();
        }
        finally {
            this.resources.close();
        }
    }

}
