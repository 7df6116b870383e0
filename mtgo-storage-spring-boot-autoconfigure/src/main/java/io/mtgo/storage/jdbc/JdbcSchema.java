package io.mtgo.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.exception.LockException;
import liquibase.integration.spring.SpringLiquibase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

    /** Changelogs that include others are left to Liquibase. */
    private static final Pattern INCLUDE = Pattern.compile("^\\s*- include", Pattern.MULTILINE);

    /** Schema names the library accepts: plain identifiers, so they never need quoting. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** Waits before each new attempt of a changelog run that lost a race with another instance's. */
    private static final long[] RETRY_DELAYS_MS = { 100, 250, 500, 1000, 2000 };

    private static final long LOCK_POLL_SECONDS = 1;

    private static final Log logger = LogFactory.getLog(JdbcSchema.class);

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
     * Applies a changelog to a DataSource now (Liquibase skips what is already applied). Instances
     * starting together on a new database may all call this: one that loses a race with another
     * ({@link SchemaRaces}) tries again, a few times over about four seconds.
     * @param dataSource the database
     * @param changeLog the changelog location
     * @param schema the schema to create the tables in, or {@code null} for the connection's
     * default; created first on H2 and PostgreSQL when missing
     * @throws IllegalStateException when the changelog cannot be applied, with the cause
     */
    public static void apply(DataSource dataSource, String changeLog, @Nullable String schema) {
        for (int attempt = 1; !isApplied(dataSource, changeLog, schema); attempt++) {
            try {
                run(dataSource, changeLog, schema);
                return;
            }
            catch (IllegalStateException failure) {
                // Instances of an application started together on a new database apply the changelog
                // at once: the loser of a race tries again, when the winner's tables are there or
                // Liquibase's lock makes it wait for them.
                if (attempt == RETRY_DELAYS_MS.length + 1 || !SchemaRaces.lostToAnotherInstance(failure)) {
                    throw failure;
                }
                logger.info("Applying the mtgo-storage schema met another instance applying it (" + failure.getMessage()
                        + "); trying again");
                pause(RETRY_DELAYS_MS[attempt - 1]);
            }
        }
    }

    private static void run(DataSource dataSource, String changeLog, @Nullable String schema) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changeLog);
        liquibase.setResourceLoader(new DefaultResourceLoader(JdbcSchema.class.getClassLoader()));
        if (schema != null) {
            liquibase.setDefaultSchema(createSchemaIfMissing(dataSource, schema));
        }
        String lockHolder = ChangelogLock.holder(dataSource, schema);
        if (lockHolder != null) {
            logger.warn("Liquibase's changelog lock is held by " + lockHolder + ": waiting for it (Liquibase gives up after "
                    + GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getCurrentValue() + " minutes). If no other instance is applying "
                    + "the mtgo-storage schema, one was stopped while applying it and left the lock: release it with "
                    + ChangelogLock.releaseStatement(schema));
        }
        try {
            // An instance waiting for Liquibase's lock (another one is applying the changelog) looks
            // again every second rather than every ten: instances started together queue on it.
            Scope.child(Map.of(GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), LOCK_POLL_SECONDS), liquibase::afterPropertiesSet);
        }
        catch (Exception ex) {
            String failed = "Could not apply the mtgo-storage schema (" + changeLog + ")" + ((schema != null) ? " in schema '" + schema + "'" : "");
            // A run that lost a race with another instance (which then holds the lock) is tried again
            // by apply: its failure keeps its cause. Otherwise a held lock is what went wrong, and
            // what Liquibase threw is no help (on SQLite a ClassCastException of its own).
            String holder = SchemaRaces.lostToAnotherInstance(ex) ? null : ChangelogLock.holder(dataSource, schema);
            if (holder != null) {
                LockException held = new LockException("Liquibase's changelog lock is held by " + holder
                        + ", and was not released while this instance waited for it");
                held.addSuppressed(ex);
                throw new IllegalStateException(failed + ": " + held.getMessage(), held);
            }
            throw new IllegalStateException(failed + ": " + ex.getMessage(), ex);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to apply the mtgo-storage schema again", ex);
        }
    }

    /**
     * Whether the database's changelog table already records every changeset of the changelog,
     * checked with one query instead of a Liquibase run: measured, Liquibase's own start-up (parsing,
     * locking, checksums) was most of what the starter added to an application's start-up, and on
     * every start but the first there is nothing for it to do. Any doubt (no table yet, a changeset
     * missing, an unreadable changelog) answers {@code false}, and Liquibase runs as usual.
     * @param dataSource the database
     * @param changeLog the changelog location
     * @param schema the schema of the tables, or {@code null}
     * @return whether every changeset is recorded as applied
     */
    static boolean isApplied(DataSource dataSource, String changeLog, @Nullable String schema) {
        String table = ((schema != null) ? schema + "." : "") + "DATABASECHANGELOG";
        try (Connection connection = dataSource.getConnection()) {
            String database = liquibaseShortName(connection);
            Set<String> wanted = changeSetsFor(changeLog, database);
            if (wanted.isEmpty() || !liquibaseTableExists(connection, database, schema, "DATABASECHANGELOG")) {
                return false;
            }
            Set<String> applied = new HashSet<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT ID, AUTHOR FROM " + table)) {
                while (rows.next()) {
                    applied.add(rows.getString(2) + "::" + rows.getString(1));
                }
            }
            return applied.containsAll(wanted);
        }
        catch (SQLException ex) {
            return false;
        }
    }

    /**
     * Whether one of Liquibase's tables exists, looked up in the metadata rather than queried: on a
     * new database a query would fail, and the failure is not silent: MariaDB's driver logs it as a
     * warning, H2 writes it to a trace file beside the database, PostgreSQL to its server log, on
     * every application's first start.
     * @param connection an open connection to the database
     * @param schema the schema of Liquibase's tables, or {@code null} for the connection's default
     * @param table {@code DATABASECHANGELOG} or {@code DATABASECHANGELOGLOCK}
     * @return whether the table exists
     * @throws SQLException when the metadata cannot be read
     */
    static boolean liquibaseTableExists(Connection connection, @Nullable String schema, String table) throws SQLException {
        return liquibaseTableExists(connection, liquibaseShortName(connection), schema, table);
    }

    /**
     * Looked up by name in any case (Liquibase creates its tables unquoted: upper case on most
     * databases, lower on PostgreSQL), then matched to the schema ignoring case, since each database
     * folds unquoted names its own way; MariaDB and MySQL call their databases catalogs.
     */
    private static boolean liquibaseTableExists(Connection connection, String database, @Nullable String schema, String table)
            throws SQLException {
        boolean catalogs = database.equals("mariadb") || database.equals("mysql");
        String owner = (schema != null) ? schema : (catalogs ? connection.getCatalog() : connection.getSchema());
        DatabaseMetaData metaData = connection.getMetaData();
        for (String name : List.of(table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = metaData.getTables(null, null, name, null)) {
                while (tables.next()) {
                    String tableOwner = tables.getString(catalogs ? "TABLE_CAT" : "TABLE_SCHEM");
                    if (owner == null || tableOwner == null || owner.equalsIgnoreCase(tableOwner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * {@code author::id} of every changeset that applies to a database, read from the YAML without
     * Liquibase's parser: the library's changelogs put {@code id}, {@code author} and an optional
     * {@code dbms} directly under {@code - changeSet:}. A changelog this cannot read fully gives an
     * empty set, so Liquibase decides.
     */
    private static Set<String> changeSetsFor(String changeLog, String database) {
        String text;
        try (InputStream in = new DefaultResourceLoader(JdbcSchema.class.getClassLoader()).getResource(changeLog).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            return Set.of();
        }
        if (INCLUDE.matcher(text).find()) {
            return Set.of();
        }
        String[] blocks = text.split("\n\\s*- changeSet:");
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < blocks.length; i++) {
            Matcher id = attribute("id").matcher(blocks[i]);
            Matcher author = attribute("author").matcher(blocks[i]);
            if (!id.find() || !author.find()) {
                return Set.of();
            }
            Matcher dbms = attribute("dbms").matcher(blocks[i]);
            if (!dbms.find() || List.of(dbms.group(1).replace("\"", "").split("\\s*,\\s*")).contains(database)) {
                ids.add(author.group(1) + "::" + id.group(1));
            }
        }
        return ids;
    }

    private static Pattern attribute(String name) {
        return Pattern.compile("^ {6}" + name + ":\\s*(\\S.*?)\\s*$", Pattern.MULTILINE);
    }

    /** The names Liquibase's {@code dbms} attribute uses. */
    private static String liquibaseShortName(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        for (String name : List.of("h2", "postgresql", "mariadb", "mysql", "sqlite")) {
            if (product.contains(name.equals("postgresql") ? "postgres" : name)) {
                return name;
            }
        }
        return product;
    }

    /**
     * Whether a changelog run failed because a schema, table or index it creates is there already:
     * after {@link #apply}'s retries, a table made outside the changelog, or one whose changeset
     * Liquibase's {@code DATABASECHANGELOG} does not record.
     * @param failure what {@link #apply} threw, or one of its causes
     * @return whether a database error among its causes says so
     */
    public static boolean failedOnAnExistingObject(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof SQLException sql && SchemaRaces.alreadyExists(sql)) {
                return true;
            }
        }
        return false;
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

    /**
     * Liquibase creates tables but not schemas; MariaDB and SQLite have no separate schemas to create.
     * The schema is created only when missing: PostgreSQL checks the right to create schemas in the
     * database before it looks whether one exists, so {@code CREATE SCHEMA IF NOT EXISTS} fails for a
     * role that owns its schema but may not create others (a common grant, and the layout docs/jdbc.md
     * recommends).
     * @return the schema's name as the database stores it unquoted, for Liquibase, which quotes a
     * name in mixed case where the store's statements leave it unquoted (PostgreSQL folds those to
     * lower case, H2 to upper case)
     */
    private static String createSchemaIfMissing(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String stored = metaData.storesLowerCaseIdentifiers() ? schema.toLowerCase(Locale.ROOT)
                    : metaData.storesUpperCaseIdentifiers() ? schema.toUpperCase(Locale.ROOT) : schema;
            String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if ((product.contains("h2") || product.contains("postgres")) && !schemaExists(metaData, stored)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + stored);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            return stored;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create schema '" + schema + "' for mtgo-storage: " + ex.getMessage(), ex);
        }
    }

    private static boolean schemaExists(DatabaseMetaData metaData, String schema) throws SQLException {
        try (ResultSet schemas = metaData.getSchemas(null, schema.replace("_", metaData.getSearchStringEscape() + "_"))) {
            while (schemas.next()) {
                if (schema.equals(schemas.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
        }
        return false;
    }

}
