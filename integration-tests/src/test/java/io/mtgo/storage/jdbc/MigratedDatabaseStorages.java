package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;

/**
 * Storages on a database whose schema a test has applied already (with
 * {@link io.mtgo.storage.Storages#adapt} once): child JVMs and per-test application contexts skip
 * the Liquibase run, which costs seconds in a fresh JVM.
 */
public final class MigratedDatabaseStorages {

    private MigratedDatabaseStorages() {
    }

    /**
     * Builds a JDBC storage without applying the schema.
     * @param dataSource a database with the library's schema
     * @param sessionName the session
     * @return the storage
     */
    public static Storage onMigratedDatabase(DataSource dataSource, String sessionName) {
        return JdbcStorage.builder(dataSource).sessionName(sessionName).build();
    }

}
