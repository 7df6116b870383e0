package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import jakarta.persistence.EntityManagerFactory;

/**
 * Builds JPA storages without Spring Boot, for {@link io.mtgo.storage.Storages#adapt}.
 */
final class JdbcStorages {

    private JdbcStorages() {
    }

    /**
     * Applies the schema and works on the DataSource directly: the storage talks JDBC, so it needs no
     * persistence unit of its own.
     */
    static Storage onDataSource(DataSource dataSource, String sessionName) {
        JdbcSchema.apply(dataSource);
        return new JdbcStorage(new JdbcAccess(dataSource), sessionName);
    }

    /** Applies the schema to the factory's DataSource; the factory stays the caller's. */
    static Storage onEntityManagerFactory(EntityManagerFactory entityManagerFactory, String sessionName) {
        DataSource dataSource = JdbcAccess.dataSourceOf(entityManagerFactory);
        JdbcSchema.apply(dataSource);
        return new JdbcStorage(new JdbcAccess(dataSource), sessionName);
    }

}
