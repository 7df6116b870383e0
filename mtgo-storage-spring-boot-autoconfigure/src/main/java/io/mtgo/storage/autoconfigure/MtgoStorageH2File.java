package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The starter's zero-config H2 file and the small pool the storage reaches it through. Deliberately
 * not a {@code DataSource} bean: the application's JDBC, JPA, transaction and health support must
 * never mistake it for the application's own database. Closed with the application context.
 * @param dataSource the pool (for backups or inspection; the storage owns it)
 * @param file the database file, without {@code .mv.db}
 */
public record MtgoStorageH2File(HikariDataSource dataSource, Path file) implements AutoCloseable {

    /**
     * Describes the database for messages and the log.
     * @return the JDBC URL without settings
     */
    public String description() {
        return "DataSource jdbc:h2:file:" + this.file;
    }

    @Override
    public void close() {
        this.dataSource.close();
    }

}
