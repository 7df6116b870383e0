package io.mtgo.storage.autoconfigure;

import java.io.File;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.jdbc.H2Durability;

/**
 * The starter's zero-config H2 file and the small pool the storage reaches it through. Deliberately
 * not a {@code DataSource} bean: the application's JDBC, JPA, transaction and health support must
 * never mistake it for the application's own database. Closed with the application context.
 * @param dataSource the pool (for backups or inspection; the storage owns it)
 * @param file the database file, without {@code .mv.db}
 */
public record MtgoStorageH2File(HikariDataSource dataSource, Path file) implements AutoCloseable {

    /**
     * Resolves {@code mtgo.storage.jdbc.h2.path}: a leading {@code ~} is the user's home directory,
     * as in H2's own URLs ({@code jdbc:h2:~/bot}), rather than a directory named {@code ~} in the
     * working directory; any other relative path resolves against the working directory.
     * @param path the property's value
     * @return the absolute file, without {@code .mv.db}
     * @throws IllegalArgumentException when the path is blank (it would resolve to the working
     * directory, and H2 would create a file named after it in its parent)
     */
    public static Path resolve(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        boolean home = path.equals("~") || path.startsWith("~/") || path.startsWith("~" + File.separator);
        // "~/bot" and "~\bot" keep what follows the separator; "~" alone is the home directory itself.
        Path file = home ? Path.of(System.getProperty("user.home"), path.substring(Math.min(2, path.length()))) : Path.of(path);
        return file.toAbsolutePath().normalize();
    }

    /**
     * Describes the database for messages and the log, by the URL another connection of this JVM
     * must use to share the open database ({@link H2Durability#fileLocation}).
     * @return the JDBC URL without settings
     */
    public String description() {
        return "DataSource " + H2Durability.fileLocation(this.file);
    }

    @Override
    public void close() {
        this.dataSource.close();
    }

}
