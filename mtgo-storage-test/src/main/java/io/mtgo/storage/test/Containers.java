package io.mtgo.storage.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers, touched only after {@link TestServices} saw the library on the classpath. Each
 * container starts once and stops with the JVM (Testcontainers' Ryuk removes it).
 */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource")
    static TestServices.Jdbc postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new TestServices.Jdbc(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers postgres:17-alpine");
    }

    @SuppressWarnings("resource")
    static TestServices.Jdbc mariadb() {
        MariaDBContainer container = new MariaDBContainer("mariadb:11");
        container.start();
        return new TestServices.Jdbc(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers mariadb:11");
    }

    @SuppressWarnings("resource")
    static TestServices.Redis redis() {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        return new TestServices.Redis(container.getHost(), container.getMappedPort(6379), "Testcontainers redis:7-alpine");
    }

    @SuppressWarnings("resource")
    static TestServices.Mongo mongodb() {
        MongoDBContainer container = new MongoDBContainer("mongo:8");
        container.start();
        return new TestServices.Mongo(container.getConnectionString(), true, "Testcontainers mongo:8");
    }

}
