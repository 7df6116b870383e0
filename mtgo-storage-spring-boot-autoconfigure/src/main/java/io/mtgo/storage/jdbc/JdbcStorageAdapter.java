package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.StorageAdapter;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * {@link io.mtgo.storage.Storages#adapt} for a {@code DataSource}, and for a JPA
 * {@code EntityManagerFactory} when spring-orm and JPA are on the classpath (the store then works on
 * the factory's {@code DataSource}; it needs no persistence unit). Applies the library's schema
 * first. Loads without JPA on the classpath: JPA types are only touched after {@link #jpaPresent()}.
 */
public final class JdbcStorageAdapter implements StorageAdapter {

    @Override
    public String description() {
        return jpaPresent() ? "javax.sql.DataSource and jakarta.persistence.EntityManagerFactory (JDBC with Liquibase)"
                : "javax.sql.DataSource (JDBC with Liquibase)";
    }

    @Override
    public boolean supports(Object connection) {
        return jdbcPresent() && (connection instanceof DataSource || (jpaPresent() && Jpa.isEntityManagerFactory(connection)));
    }

    @Override
    public Storage adapt(Object connection, String sessionName) {
        DataSource dataSource = (connection instanceof DataSource direct) ? direct : Jpa.dataSourceOf(connection);
        JdbcSchema.apply(dataSource);
        return JdbcStorage.builder(dataSource).sessionName(sessionName).build();
    }

    private static boolean jdbcPresent() {
        return present("org.springframework.jdbc.core.JdbcTemplate") && present("liquibase.integration.spring.SpringLiquibase");
    }

    private static boolean jpaPresent() {
        return present("jakarta.persistence.EntityManagerFactory") && present("org.springframework.orm.jpa.EntityManagerFactoryInfo");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JdbcStorageAdapter.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Keeps JPA types out of the adapter's own signature, so the adapter loads without them. */
    private static final class Jpa {

        static boolean isEntityManagerFactory(Object connection) {
            return connection instanceof EntityManagerFactory;
        }

        /**
         * The {@code DataSource} of an entity manager factory: Spring's factory beans expose it,
         * and plain JPA set-ups name it in the persistence unit's properties.
         * @throws IllegalArgumentException when the factory exposes none
         */
        static DataSource dataSourceOf(Object connection) {
            EntityManagerFactory entityManagerFactory = (EntityManagerFactory) connection;
            if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
                return info.getDataSource();
            }
            if (entityManagerFactory.getProperties().get("jakarta.persistence.nonJtaDataSource") instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new IllegalArgumentException("entityManagerFactory exposes no DataSource: build it with Spring "
                    + "(LocalContainerEntityManagerFactoryBean, as Spring Boot does) or set jakarta.persistence.nonJtaDataSource");
        }

    }

}
