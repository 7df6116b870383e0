package io.mtgo.storage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.jdbc.H2Durability;
import io.mtgo.storage.memory.MemoryStorage;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One backend under benchmark: our storage and its raw-driver baseline over the same service,
 * built from the {@code backend} JMH parameter. Our storage writes session {@value #SESSION}, the
 * baseline {@code bench-raw}; both are deleted at teardown (nothing else is touched).
 * <p>
 * Services: PostgreSQL on 127.0.0.1:5432 (postgres, db test), MariaDB on 127.0.0.1:3306 (root, db
 * test) unless the system properties {@code mtgo.bench.postgres.url} / {@code mtgo.bench.mariadb.url}
 * name other databases (JMH forks inherit them with {@code -jvmArgsAppend}), Redis on 127.0.0.1:6379; H2 and SQLite on temp files; MongoDB is the in-process
 * mongo-java-server (no MongoDB server on the benchmark machine).
 */
record Backend(Storage storage, RawBaseline baseline, AutoCloseable resources) implements AutoCloseable {

    static final String SESSION = "bench";

    static Backend open(String name) {
        return switch (name) {
            case "memory" -> new Backend(MemoryStorage.builder().sessionName(SESSION).build(), new MemoryBaseline(), () -> {
            });
            case "h2" -> jdbcOnTempFile(name, dir -> H2Durability.fileUrl(dir.resolve("bench")));
            case "sqlite" -> jdbcOnTempFile(name, dir -> "jdbc:sqlite:" + dir.resolve("bench.db"));
            case "postgres" -> jdbc(name, System.getProperty("mtgo.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"), "postgres",
                    () -> {
                    });
            case "mariadb" -> jdbc(name, System.getProperty("mtgo.bench.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test"), "root", () -> {
            });
            case "redis" -> redis();
            case "mongodb" -> mongodb();
            default -> throw new IllegalArgumentException("Unknown backend '" + name + "'");
        };
    }

    /**
     * Driver options the raw baseline's pool adds to the URL: what a careful engineer sets for this
     * workload, each measured to pay off (benchmarks/causes/&lt;backend&gt;.md). The store's pool gets
     * the bare URL, as an application that set nothing would give it. Overridden, for experiments,
     * by {@code -Dmtgo.bench.raw.options.<backend>=...} ({@code none} for no options).
     */
    static String rawDriverOptions(String backend) {
        String override = System.getProperty("mtgo.bench.raw.options." + backend);
        if (override != null) {
            return "none".equals(override) ? "" : override;
        }
        return switch (backend) {
            case "postgres" -> "reWriteBatchedInserts=true";
            case "mariadb" -> "useServerPrepStmts=true&useBulkStmts=true";
            default -> "";
        };
    }

    private static String withOptions(String url, String options) {
        if (options.isEmpty()) {
            return url;
        }
        if (url.startsWith("jdbc:h2:")) {
            return url + ";" + options.replace('&', ';');
        }
        return url + (url.contains("?") ? "&" : "?") + options;
    }

    private static Backend jdbcOnTempFile(String backend, java.util.function.Function<Path, String> url) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mtgo-bench");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return jdbc(backend, url.apply(dir), null, () -> deleteRecursively(dir));
    }

    /** Two pools on one database: the store's on the bare URL, the raw baseline's with its driver options. */
    private static Backend jdbc(String backend, String url, String user, AutoCloseable more) {
        HikariDataSource dataSource = dataSource(url, user);
        Storage storage = Storages.adapt(dataSource, SESSION);
        HikariDataSource rawDataSource = dataSource(withOptions(url, rawDriverOptions(backend)), user);
        return new Backend(storage, new JdbcBaseline(rawDataSource), () -> {
            dataSource.close();
            rawDataSource.close();
            more.close();
        });
    }

    private static HikariDataSource dataSource(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static Backend redis() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        return new Backend(Storages.adapt(factory, SESSION), new LettuceBaseline("redis://127.0.0.1:6379"), factory::destroy);
    }

    private static Backend mongodb() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        MongoTemplate template = new MongoTemplate(client, "bench");
        return new Backend(Storages.adapt(template, SESSION), new MongoBaseline(client.getDatabase("bench")), () -> {
            client.close();
            server.shutdownNow();
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            this.storage.deleteSession(SESSION);
            this.storage.close();
            this.baseline.close();
        }
        finally {
            this.resources.close();
        }
    }

}
