package io.mtgo.storage.jdbc;

import io.mtgo.storage.autoconfigure.EmbeddedJdbcStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.JdbcStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MongoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.RedisStorageAutoConfiguration;
import io.mtgo.storage.jdbc.app.Note;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * What applications with the starter get auto-configured.
 */
public final class JdbcAutoConfigurations {

    private static final Class<?>[] LIBRARY = { JdbcStorageAutoConfiguration.class, MongoStorageAutoConfiguration.class,
            RedisStorageAutoConfiguration.class, EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class };

    /** The library's own auto-configurations: an application with only the starter. */
    public static final AutoConfigurations STARTER = AutoConfigurations.of(LIBRARY);

    /** A Spring Data JPA application with its own Liquibase changelog, plus the starter. */
    public static final AutoConfigurations ALL = AutoConfigurations.of(JdbcStorageAutoConfiguration.class,
            MongoStorageAutoConfiguration.class, RedisStorageAutoConfiguration.class, EmbeddedJdbcStorageAutoConfiguration.class,
            MtgoStorageAutoConfiguration.class, DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            LiquibaseAutoConfiguration.class, TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class);

    private JdbcAutoConfigurations() {
    }

    /**
     * A Spring Data JPA application without Liquibase of its own, with its entities, plus the
     * starter.
     * @return the runner
     */
    public static ApplicationContextRunner jpaApp() {
        return new ApplicationContextRunner().withConfiguration(ALL)
            .withUserConfiguration(JpaApplication.class)
            .withPropertyValues("spring.liquibase.enabled=false");
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Note.class)
    static class JpaApplication {

    }

}
