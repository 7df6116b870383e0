package io.mtgo.storage.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.mtgo.storage.jdbc.JdbcSchema;
import io.mtgo.storage.jdbc.JdbcSchemaInitializer;
import io.mtgo.storage.jdbc.JdbcStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Builds the JDBC store's schema initializer and storage for a DataSource, the same way for the
 * application's DataSource and the starter's H2 file, turning start-up failures into messages that
 * name the database and the property to change.
 */
final class JdbcStorageFactory {

    private JdbcStorageFactory() {
    }

    /**
     * Fails start-up on a property the storage would refuse, or a changelog that is not there, before
     * anything touches the database or makes the H2 file's directory: a failed start leaves nothing.
     * @param properties the library's properties
     */
    static void requireValidProperties(MtgoStorageProperties properties) {
        PropertyChecks.requireValid(properties);
        if (properties.getJdbc().getInitializeSchema() != SchemaInitialization.NEVER) {
            requireChangeLog(properties.getJdbc().getChangeLog());
        }
    }

    /**
     * @param properties checked first ({@link #requireValidProperties})
     */
    static JdbcSchemaInitializer schemaInitializer(DataSource dataSource, String database, MtgoStorageProperties properties,
            boolean embedded) {
        requireValidProperties(properties);
        MtgoStorageProperties.Jdbc jdbc = properties.getJdbc();
        String schema = schemaOf(jdbc);
        boolean apply = switch (jdbc.getInitializeSchema()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> embedded || isEmbedded(dataSource, database);
        };
        return new JdbcSchemaInitializer(dataSource, jdbc.getChangeLog(), schema, apply) {

            @Override
            public void afterPropertiesSet() {
                try {
                    super.afterPropertiesSet();
                }
                catch (IllegalStateException ex) {
                    throw JdbcStartupFailures.databaseUnavailable(database, "apply its schema (" + jdbc.getChangeLog() + ")", ex);
                }
            }

        };
    }

    static AbstractStorage storage(DataSource dataSource, String database, MtgoStorageProperties properties,
            ObjectProvider<StorageObserver> observers) {
        String schema = schemaOf(properties.getJdbc());
        requireTables(dataSource, database, schema, properties.getLease().isEnabled());
        String where = (schema != null) ? database + " (schema " + schema + ")" : database;
        return StorageConfigurer.configure(properties, observers, where, JdbcStorage.builder(dataSource).schema(schema), builder -> {
            try {
                return builder.build();
            }
            catch (RuntimeException ex) {
                throw JdbcStartupFailures.databaseUnavailable(database, "open the JDBC storage", ex);
            }
        });
    }

    /** Checked before the database is opened: Liquibase would say so only after connecting, and name no property. */
    private static void requireChangeLog(String changeLog) {
        if (!new DefaultResourceLoader(JdbcStorageFactory.class.getClassLoader()).getResource(changeLog).exists()) {
            throw new StorageStartupException("mtgo.storage.jdbc.change-log is '" + changeLog + "', which does not exist.",
                    "Remove mtgo.storage.jdbc.change-log to use the library's changelog, or set it to a changelog that exists "
                            + "('classpath:...' or 'file:...').", null);
        }
    }

    private static @Nullable String schemaOf(MtgoStorageProperties.Jdbc jdbc) {
        try {
            return JdbcSchema.requireValidSchema(jdbc.getSchema(), "mtgo.storage.jdbc.schema");
        }
        catch (IllegalArgumentException ex) {
            throw new StorageStartupException(ex.getMessage() + ".", "Set mtgo.storage.jdbc.schema to a plain schema name, "
                    + "or remove it to use the connection's default schema.", ex);
        }
    }

    private static boolean isEmbedded(DataSource dataSource, String database) {
        try {
            return JdbcSchema.isEmbedded(dataSource);
        }
        catch (IllegalStateException ex) {
            throw JdbcStartupFailures.databaseUnavailable(database, "connect", ex);
        }
    }

    /**
     * One cheap query per table at start-up, so that a schema nobody applied fails here, with a
     * message, rather than on the bot's first call as {@code bad SQL grammar}. The leases' table only
     * when leases are on: a schema made by hand (docs/jdbc.md's partitioned tables) may leave it out.
     */
    private static void requireTables(DataSource dataSource, String database, @Nullable String schema, boolean leases) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException ex) {
            throw JdbcStartupFailures.databaseUnavailable(database, "connect", ex);
        }
        List<String> tables = new ArrayList<>(List.of("mtgo_sessions", "mtgo_peers", "mtgo_kv", "mtgo_conversations"));
        try (connection; Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite")) {
                tables.add("mtgo_session_numbers");
            }
            if (leases) {
                tables.add("mtgo_session_leases");
            }
            String prefix = (schema != null) ? schema + "." : "";
            for (String table : tables) {
                statement.executeQuery("SELECT 1 FROM " + prefix + table + " WHERE 1 = 0").close();
            }
        }
        catch (SQLException ex) {
            throw JdbcStartupFailures.tablesMissing(database, tables, ex);
        }
    }

    /**
     * The URL without parameters or credentials, for messages and the log. Read from the pool's
     * configuration when it has one, so that describing an unreachable database does not wait for
     * a connection timeout.
     */
    static String describe(DataSource dataSource) {
        String url = configuredUrl(dataSource);
        if (url == null) {
            try (Connection connection = dataSource.getConnection()) {
                url = String.valueOf(connection.getMetaData().getURL());
            }
            catch (SQLException ex) {
                return "DataSource " + dataSource.getClass().getSimpleName();
            }
        }
        int parameters = indexOfParameters(url);
        return "DataSource " + withoutUserInfo((parameters > 0) ? url.substring(0, parameters) : url);
    }

    /**
     * Drops {@code user:password@} from a URL's authority ({@code jdbc:mysql://user:pw@host/db}, which
     * MySQL Connector/J accepts), as credentials in parameters are dropped with the parameters.
     */
    static String withoutUserInfo(String url) {
        return url.replaceFirst("//[^/@\\s]*@", "//");
    }

    /** Hikari's {@code getJdbcUrl}, or the {@code getUrl} of Spring's and most drivers' DataSources. */
    private static @Nullable String configuredUrl(DataSource dataSource) {
        for (String getter : new String[] { "getJdbcUrl", "getUrl", "getURL" }) {
            java.lang.reflect.Method method = org.springframework.util.ReflectionUtils.findMethod(dataSource.getClass(), getter);
            if (method != null && method.getReturnType() == String.class) {
                Object url = org.springframework.util.ReflectionUtils.invokeMethod(method, dataSource);
                if (url != null) {
                    return url.toString();
                }
            }
        }
        return null;
    }

    private static int indexOfParameters(String url) {
        int question = url.indexOf('?');
        int semicolon = url.indexOf(';');
        if (question < 0) {
            return semicolon;
        }
        return (semicolon < 0) ? question : Math.min(question, semicolon);
    }

}
