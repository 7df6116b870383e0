package io.mtgo.storage.jpa;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import jakarta.persistence.EntityManagerFactory;

/**
 * Builds JPA storages without Spring Boot, for {@link io.mtgo.storage.Storages#adapt}.
 */
final class JpaStorages {

    private JpaStorages() {
    }

    /**
     * Applies the schema and works on the DataSource directly: the storage talks JDBC, so it needs no
     * persistence unit of its own.
     */
    static Storage onDataSource(DataSource dataSource, String sessionName) {
        JpaSchema.apply(dataSource);
        return new JpaStorage(new JdbcAccess(dataSource), sessionName);
    }

    /** Applies the schema to the factory's DataSource; the factory stays the caller's. */
    static Storage onEntityManagerFactory(EntityManagerFactory entityManagerFactory, String sessionName) {
        DataSource dataSource = JdbcAccess.dataSourceOf(entityManagerFactory);
        JpaSchema.apply(dataSource);
        return new JpaStorage(new JdbcAccess(dataSource), sessionName);
    }

}
