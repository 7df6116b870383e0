package io.mtgo.storage.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.jdbc.JdbcSchema;
import io.mtgo.storage.jdbc.JdbcStorage;
import jakarta.persistence.EntityManagerFactory;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the JPA backend: the library's own
 * Liquibase bean ({@code mtgoStorageLiquibase}, registered after Spring Boot's so the
 * application's changelog still runs; the entity manager factory waits for it through Boot's
 * database-initialization dependencies) and the JPA {@link StorageBackendCandidate}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass({ EntityManagerFactory.class, JdbcStorage.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class JdbcStorageAutoConfiguration {

    /** Name of the library's Liquibase bean, distinct from Boot's {@code liquibase}. */
    static final String LIQUIBASE_BEAN = "mtgoStorageLiquibase";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SpringLiquibase.class)
    @ConditionalOnStorageType(StorageType.JDBC)
    static class SchemaConfiguration {

        @Bean(LIQUIBASE_BEAN)
        SpringLiquibase mtgoStorageLiquibase(DataSource dataSource, MtgoStorageProperties properties) {
            return schema(dataSource, properties);
        }

    }

    static SpringLiquibase schema(DataSource dataSource, MtgoStorageProperties properties) {
        SpringLiquibase liquibase = JdbcSchema.liquibase(dataSource, properties.getJdbc().getChangeLog());
        SchemaInitialization mode = properties.getJdbc().getInitializeSchema();
        liquibase.setShouldRun(mode == SchemaInitialization.ALWAYS || (mode == SchemaInitialization.EMBEDDED && isEmbedded(dataSource)));
        return liquibase;
    }

    /** Embedded: H2, HSQLDB or Derby as Boot defines it, and SQLite files. */
    static boolean isEmbedded(DataSource dataSource) {
        if (EmbeddedDatabaseConnection.isEmbedded(dataSource)) {
            return true;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL().startsWith("jdbc:sqlite:");
        }
        catch (SQLException ex) {
            return false;
        }
    }

    @Bean
    @ConditionalOnBean(EntityManagerFactory.class)
    StorageBackendCandidate jpaStorageCandidate(EntityManagerFactory entityManagerFactory, DataSource dataSource,
            ObjectProvider<H2DefaultDataSource> h2Default, Environment environment) {
        H2DefaultDataSource starterDefault = h2Default.getIfAvailable();
        boolean libraryDefault = starterDefault != null && starterDefault.dataSource() == dataSource;
        boolean bootGeneratedEmbedded = !environment.containsProperty("spring.datasource.url") && starterDefault == null
                && EmbeddedDatabaseConnection.isEmbedded(dataSource);
        return new JpaCandidate(entityManagerFactory, dataSource, !libraryDefault && !bootGeneratedEmbedded);
    }

    /**
     * The JPA backend on the application's entity manager factory; the storage never closes it.
     */
    record JpaCandidate(EntityManagerFactory entityManagerFactory, DataSource dataSource, boolean appConfigured)
            implements StorageBackendCandidate {

        @Override
        public StorageType type() {
            return StorageType.JDBC;
        }

        @Override
        public String description() {
            try (Connection connection = this.dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                int parameters = url.indexOf('?');
                return "DataSource " + ((parameters > 0) ? url.substring(0, parameters) : url);
            }
            catch (SQLException ex) {
                return "DataSource (URL unavailable: " + ex.getMessage() + ")";
            }
        }

        @Override
        public AbstractStorage create(String sessionName) {
            return JdbcStorage.builder(this.dataSource).sessionName(sessionName).build();
        }

    }

}
