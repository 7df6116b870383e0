package io.mtgo.storage.spi;

import java.util.Optional;

import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;

/**
 * Service-provider interface behind {@link Storages#adapt(Object, String)}: each backend registers
 * one in {@code META-INF/services/io.mtgo.storage.spi.StorageAdapter}, so the API package never depends
 * on a backend. An adapter must load even when its backend's libraries are absent, and then report
 * that it supports nothing.
 */
public interface StorageAdapter {

    /**
     * Describes what this adapter accepts, for the message listing supported connections.
     * @return for example {@code "javax.sql.DataSource"}
     */
    String description();

    /**
     * Whether this adapter can build a storage on the given connection object.
     * @param connection what the caller handed to {@link Storages#adapt}
     * @return whether {@link #adapt} accepts it
     */
    boolean supports(Object connection);

    /**
     * Whether every library this adapter needs is on the classpath. {@link Storages#adapt} lists only
     * available adapters as what this classpath accepts.
     * @return {@code true} unless a library is missing
     */
    default boolean available() {
        return true;
    }

    /**
     * Why a connection of this adapter's kind cannot be used here: the libraries the adapter needs
     * for it and the classpath lacks. {@link Storages#adapt} reports it instead of calling the
     * connection unsupported.
     * @param connection what the caller handed to {@link Storages#adapt}
     * @return for example {@code "a javax.sql.DataSource needs org.liquibase:liquibase-core on the
     *     classpath"}; empty when the connection is not of this adapter's kind or {@link #supports} it
     */
    default Optional<String> missingLibraries(Object connection) {
        return Optional.empty();
    }

    /**
     * Builds a ready storage (schema applied, indexes created) on the connection.
     * @param connection an object {@link #supports} accepted
     * @param sessionName the session the storage is scoped to
     * @return the storage; closing it releases only what the adapter created
     */
    Storage adapt(Object connection, String sessionName);

}
