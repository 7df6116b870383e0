package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageAdapter;
import jakarta.persistence.EntityManagerFactory;

/**
 * {@link io.mtgo.storage.Storages#adapt} for a {@code DataSource} or an
 * {@code EntityManagerFactory}. Loads without JPA on the classpath (it then supports nothing): JPA
 * types are only touched after {@link #jpaPresent()}.
 */
public final class JdbcStorageAdapter implements StorageAdapter {

    @Override
    public String description() {
        return "javax.sql.DataSource and jakarta.persistence.EntityManagerFactory (JPA with Hibernate and Liquibase)";
    }

    @Override
    public boolean supports(Object connection) {
        return jpaPresent() && (connection instanceof DataSource || Jpa.isEntityManagerFactory(connection));
    }

    @Override
    public Storage adapt(Object connection, String sessionName) {
        if (connection instanceof DataSource dataSource) {
            return JdbcStorages.onDataSource(dataSource, sessionName);
        }
        return Jpa.adaptEntityManagerFactory(connection, sessionName);
    }

    private static boolean jpaPresent() {
        try {
            ClassLoader loader = JdbcStorageAdapter.class.getClassLoader();
            Class.forName("jakarta.persistence.EntityManagerFactory", false, loader);
            Class.forName("org.hibernate.Session", false, loader);
            Class.forName("liquibase.integration.spring.SpringLiquibase", false, loader);
            Class.forName("org.springframework.orm.jpa.JpaTransactionManager", false, loader);
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Keeps JPA types out of the adapter's own signature. */
    private static final class Jpa {

        static boolean isEntityManagerFactory(Object connection) {
            return connection instanceof EntityManagerFactory;
        }

        static Storage adaptEntityManagerFactory(Object connection, String sessionName) {
            return JdbcStorages.onEntityManagerFactory((EntityManagerFactory) connection, sessionName);
        }

    }

}
