package io.mtgo.storage.autoconfigure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.H2Durability;
import io.mtgo.storage.jdbc.JdbcSchemaInitializer;
import io.mtgo.storage.jdbc.JdbcStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the starter's zero-config default, after
 * the application's own DataSource, MongoDB and Redis were not found: the JDBC store on a persistent
 * embedded H2 file at {@code mtgo.storage.jdbc.h2.path}, in a small pool of the storage's own (not
 * a {@code DataSource} bean, so the application's JDBC, JPA and health support never mistake it for
 * the application's database). With {@code mtgo.storage.jdbc.h2.enabled=false}, an in-memory
 * DataSource Spring Boot generated is used instead, with a warning.
 */
@AutoConfiguration(after = { JdbcStorageAutoConfiguration.class, MongoStorageAutoConfiguration.class,
        RedisStorageAutoConfiguration.class })
@ConditionalOnClass(JdbcStorage.class)
@ConditionalOnStorageType(StorageType.JDBC)
@ConditionalOnMissingBean(Storage.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class EmbeddedJdbcStorageAutoConfiguration {

    private static final Log logger = LogFactory.getLog(EmbeddedJdbcStorageAutoConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.h2.Driver", "com.zaxxer.hikari.HikariDataSource" })
    @ConditionalOnBooleanProperty(name = "mtgo.storage.jdbc.h2.enabled", matchIfMissing = true)
    static class H2FileConfiguration {

        // Lazy: opened by the storage that uses it, so a Storage the test replaces (@MockitoBean,
        // a bean override after the conditions ran) leaves no file, no lock and no pool behind.
        @Bean(destroyMethod = "close")
        @Lazy
        MtgoStorageH2File mtgoStorageH2File(MtgoStorageProperties properties) {
            // Before the directory is made: a start-up that fails on a property leaves nothing behind.
            JdbcStorageFactory.requireValidProperties(properties);
            Path file = resolve(properties.getJdbc().getH2().getPath());
            createDirectory(file);
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("mtgo-storage-h2");
            pool.setJdbcUrl(H2Durability.fileUrl(file));
            pool.setUsername("sa");
            pool.setPassword("");
            pool.setMaximumPoolSize(4);
            pool.setExceptionOverride(new H2ClosedDatabaseEviction());
            return new MtgoStorageH2File(pool, file);
        }

        /**
         * H2 would make the directory itself, but where it cannot (a file in the way, a read-only or
         * virtual file system) it prints hundreds of lines of its own trace to the console and
         * reports only the path.
         */
        private static void createDirectory(Path file) {
            Path directory = file.getParent();
            if (directory == null) {
                return;
            }
            try {
                Files.createDirectories(directory);
                if (!Files.isWritable(directory)) {
                    throw new AccessDeniedException(directory.toString(), null, "not writable by this process");
                }
            }
            catch (IOException ex) {
                String reason = (ex instanceof FileAlreadyExistsException) ? ex.getMessage() + " is a file, not a directory"
                        : ex.getClass().getSimpleName() + ": " + ex.getMessage();
                throw new StorageStartupException("mtgo.storage.jdbc.h2.path is '" + file + "', whose directory cannot be "
                        + "created or written (" + reason + ").", "Set mtgo.storage.jdbc.h2.path to a file in a directory this "
                        + "process can create and write, for example './data/mtgo-storage', or remove it to use that default.", ex);
            }
        }

        /** {@link MtgoStorageH2File#resolve}, its refusal reported as the property. */
        private static Path resolve(String path) {
            try {
                return MtgoStorageH2File.resolve(path);
            }
            catch (IllegalArgumentException ex) {
                throw new StorageStartupException("mtgo.storage.jdbc.h2.path" + String.valueOf(ex.getMessage()).substring("path".length())
                        + ".", "Set mtgo.storage.jdbc.h2.path to the H2 file's path, for example './data/mtgo-storage', or remove "
                        + "it to use that default.", ex);
            }
        }

        /**
         * The storage, after the file's schema is applied. No {@link JdbcSchemaInitializer} bean:
         * nothing but this storage uses the file, so no bean of the application has to wait for
         * its schema (Spring Boot would make its JDBC and JPA beans do so).
         */
        @Bean
        AbstractStorage mtgoStorage(MtgoStorageH2File h2File, MtgoStorageProperties properties,
                ObjectProvider<StorageObserver> observers) {
            JdbcStorageFactory.schemaInitializer(h2File.dataSource(), h2File.description(), properties, true)
                .afterPropertiesSet();
            return JdbcStorageFactory.storage(h2File.dataSource(), h2File.description(), properties, observers);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "mtgo.storage.jdbc.h2.enabled", havingValue = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class GeneratedDataSourceConfiguration {

        @Bean
        JdbcSchemaInitializer mtgoStorageSchemaInitializer(DataSource dataSource, MtgoStorageProperties properties) {
            return JdbcStorageFactory.schemaInitializer(dataSource, JdbcStorageFactory.describe(dataSource), properties, true);
        }

        @Bean
        AbstractStorage mtgoStorage(JdbcSchemaInitializer schemaInitializer, DataSource dataSource,
                MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers) {
            String database = JdbcStorageFactory.describe(dataSource);
            logger.warn("mtgo-storage keeps session '" + properties.getSessionName() + "' in " + database
                    + ", an in-memory database Spring Boot generated (mtgo.storage.jdbc.h2.enabled=false): the session, its "
                    + "auth key and cached peers will not survive a restart. Set spring.datasource.url to a persistent database.");
            return JdbcStorageFactory.storage(dataSource, database, properties, observers);
        }

    }

}
