package io.mtgo.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The library's Liquibase changelog, the one owner of the JDBC store's schema, and how it is
 * applied: with {@code liquibase-core} alone (no Spring Boot Liquibase support, no
 * {@code SpringLiquibase} bean that would make Boot's own Liquibase back off).
 */
public final class JdbcSchema {

    /** Where the changelog lives on the classpath. */
    public static final String CHANGELOG = "classpath:/io/mtgo/storage/jpa/db/changelog/mtgo-storage-changelog.yaml";

    /** Schema names the library accepts: plain identifiers, so they never need quoting. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private JdbcSchema() {
    }

    /**
     * Applies the changelog to a DataSource now, in the connection's default schema.
     * @param dataSource the database
     */
    public static void apply(DataSource dataSource) {
        apply(dataSource, CHANGELOG, null);
    }

    /**
     * Applies a changelog to a DataSource now (Liquibase skips what is already applied).
     * @param dataSource the database
     * @param changeLog the changelog location
     * @param schema the schema to create the tables in, or {@code null} for the connection's
     * default; created first on H2 and PostgreSQL when missing
     * @throws IllegalStateException when the changelog cannot be applied, with the cause
     */
    public static void apply(DataSource dataSource, String changeLog, @Nullable String schema) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changeLog);
        liquibase.setResourceLoader(new DefaultResourceLoader(JdbcSchema.class.getClassLoader()));
        if (schema != null) {
            createSchemaIfMissing(dataSource, schema);
            liquibase.setDefaultSchema(schema);
        }
        try {
            liquibase.afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not apply the mtgo-storage schema (" + changeLog + ")"
                    + ((schema != null) ? " in schema '" + schema + "'" : "") + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Checks a schema name given in configuration.
     * @param schema the name, or {@code null}
     * @param field the property or argument name, for the message
     * @return the name, or {@code null} when blank or absent
     * @throws IllegalArgumentException when the name is not a plain SQL identifier
     */
    public static @Nullable String requireValidSchema(@Nullable String schema, String field) {
        if (schema == null || schema.isBlank()) {
            return null;
        }
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(field + " must be a plain SQL identifier (letters, digits, '_', at most 63) but was '"
                    + schema + "'");
        }
        return schema;
    }

    /**
     * Whether a database is embedded in the application: H2 (memory or file), HSQLDB, Derby, and
     * SQLite files. Spring Boot's own check counts only in-memory H2 as embedded, which would leave
     * the starter's H2 file without tables under {@code initialize-schema=embedded}.
     * @param dataSource the database
     * @return whether it is embedded
     * @throws IllegalStateException when no connection can be opened
     */
    public static boolean isEmbedded(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = String.valueOf(connection.getMetaData().getURL()).toLowerCase(Locale.ROOT);
            return url.startsWith("jdbc:h2:") || url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:hsqldb:")
                    || url.startsWith("jdbc:derby:");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not open a connection to tell whether the database is embedded: "
                    + ex.getMessage(), ex);
        }
    }

    /** Liquibase creates tables but not schemas; MariaDB and SQLite have no separate schemas to create. */
    private static void createSchemaIfMissing(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2") || product.contains("postgres")) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create schema '" + schema + "' for mtgo-storage: " + ex.getMessage(), ex);
        }
    }

}
