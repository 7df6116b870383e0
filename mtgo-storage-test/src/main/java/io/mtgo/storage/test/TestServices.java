package io.mtgo.storage.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a real service for a test, in this order: an explicit environment variable
 * ({@code MTGO_TEST_POSTGRES_URL}, {@code MTGO_TEST_MARIADB_URL}, {@code MTGO_TEST_REDIS_URL},
 * {@code MTGO_TEST_MONGODB_URI}), the service on its default local port, a Testcontainers container
 * where a Docker engine exists. MongoDB then falls back to the in-process
 * {@code mongo-java-server}; any other service is skipped with the reason, or fails the test when
 * {@code MTGO_TEST_REQUIRE_SERVICES=true} (as on CI).
 * <p>
 * Each service is resolved once per JVM; containers and the in-process server stop with the JVM.
 */
public final class TestServices {

    /** Environment variable that turns a missing PostgreSQL, MariaDB or Redis into a failure. */
    public static final String REQUIRE_SERVICES = "MTGO_TEST_REQUIRE_SERVICES";

    private static final Map<String, Object> RESOLVED = new ConcurrentHashMap<>();

    private TestServices() {
    }

    /**
     * A JDBC database.
     * @param url the JDBC URL
     * @param username the user
     * @param password the password
     * @param source where it came from, for the test log
     */
    public record Jdbc(String url, String username, String password, String source) {
    }

    /**
     * A Redis server.
     * @param host the host
     * @param port the port
     * @param source where it came from, for the test log
     */
    public record Redis(String host, int port, String source) {
    }

    /**
     * A MongoDB server (or wire-compatible in-process server).
     * @param uri the connection string
     * @param realMongoDb whether this is a real MongoDB rather than {@code mongo-java-server}
     * @param source where it came from, for the test log
     */
    public record Mongo(String uri, boolean realMongoDb, String source) {
    }

    /**
     * Returns a PostgreSQL database: {@code MTGO_TEST_POSTGRES_URL} (with optional
     * {@code MTGO_TEST_POSTGRES_USERNAME}/{@code _PASSWORD}), else 127.0.0.1:5432 database
     * {@code test} as {@code postgres}, else a {@code postgres:17} container.
     * @return the database
     */
    public static Jdbc postgres() {
        return resolve("PostgreSQL", () -> {
            String url = env("MTGO_TEST_POSTGRES_URL");
            if (url != null) {
                return new Jdbc(url, envOr("MTGO_TEST_POSTGRES_USERNAME", "postgres"), envOr("MTGO_TEST_POSTGRES_PASSWORD", ""),
                        "MTGO_TEST_POSTGRES_URL");
            }
            if (listening("127.0.0.1", 5432)) {
                return new Jdbc("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "local port 5432");
            }
            return dockerAvailable() ? Containers.postgres() : null;
        });
    }

    /**
     * Returns a MariaDB database: {@code MTGO_TEST_MARIADB_URL} (with optional
     * {@code MTGO_TEST_MARIADB_USERNAME}/{@code _PASSWORD}), else 127.0.0.1:3306 database
     * {@code test} as {@code root}, else a {@code mariadb:11} container.
     * @return the database
     */
    public static Jdbc mariadb() {
        return resolve("MariaDB", () -> {
            String url = env("MTGO_TEST_MARIADB_URL");
            if (url != null) {
                return new Jdbc(url, envOr("MTGO_TEST_MARIADB_USERNAME", "root"), envOr("MTGO_TEST_MARIADB_PASSWORD", ""),
                        "MTGO_TEST_MARIADB_URL");
            }
            if (listening("127.0.0.1", 3306)) {
                return new Jdbc("jdbc:mariadb://127.0.0.1:3306/test", "root", "", "local port 3306");
            }
            return dockerAvailable() ? Containers.mariadb() : null;
        });
    }

    /**
     * Returns a Redis server: {@code MTGO_TEST_REDIS_URL} ({@code redis://host:port}), else
     * 127.0.0.1:6379, else a {@code redis:7} container.
     * @return the server
     */
    public static Redis redis() {
        return resolve("Redis", () -> {
            String url = env("MTGO_TEST_REDIS_URL");
            if (url != null) {
                URI uri = URI.create(url);
                return new Redis(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379, "MTGO_TEST_REDIS_URL");
            }
            if (listening("127.0.0.1", 6379)) {
                return new Redis("127.0.0.1", 6379, "local port 6379");
            }
            return dockerAvailable() ? Containers.redis() : null;
        });
    }

    /**
     * Returns a MongoDB server: {@code MTGO_TEST_MONGODB_URI}, else 127.0.0.1:27017, else a
     * {@code mongo:8} container, else the in-process {@code mongo-java-server}.
     * @return the server
     */
    public static Mongo mongodb() {
        return resolve("MongoDB", () -> {
            String uri = env("MTGO_TEST_MONGODB_URI");
            if (uri != null) {
                return new Mongo(uri, true, "MTGO_TEST_MONGODB_URI");
            }
            if (listening("127.0.0.1", 27017)) {
                return new Mongo("mongodb://127.0.0.1:27017", true, "local port 27017");
            }
            if (dockerAvailable()) {
                return Containers.mongodb();
            }
            return present("de.bwaldvogel.mongo.MongoServer") ? InProcessMongo.start() : null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T resolve(String service, Supplier<@Nullable T> finder) {
        Object found = RESOLVED.computeIfAbsent(service, key -> {
            T value = finder.get();
            if (value != null) {
                System.out.println("[mtgo-test] " + service + ": " + value);
                return value;
            }
            return "none";
        });
        if ("none".equals(found)) {
            String reason = service + " is not available: no environment variable, nothing on its default local port, "
                    + "and no Docker engine for Testcontainers";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_SERVICES))) {
                throw new IllegalStateException(reason + " (" + REQUIRE_SERVICES + "=true)");
            }
            Assumptions.abort(reason);
        }
        return (T) found;
    }

    /**
     * Whether something accepts TCP connections on a local port.
     * @param host the host
     * @param port the port
     * @return whether a connection succeeded within a second
     */
    public static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        if (!present("org.testcontainers.DockerClientFactory")) {
            return false;
        }
        try {
            return Containers.dockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, TestServices.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static @Nullable String env(String name) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? null : value;
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return (value != null) ? value : fallback;
    }

}
