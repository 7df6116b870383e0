package io.mtgo.storage.autoconfigure;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.JdbcSchemaInitializer;
import io.mtgo.storage.jdbc.JdbcStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.spi.StorageObserver;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the JDBC backend on a DataSource the
 * application configured itself (H2, SQLite, PostgreSQL, MariaDB/MySQL): first in the backend
 * order, so an application's own database wins over MongoDB, Redis and the starter's H2 file.
 * <p>
 * The library's Liquibase changelog is applied by a {@link JdbcSchemaInitializer} that Spring Boot
 * orders after the application's own Flyway or Liquibase migrations. Nothing of the library enters
 * the application's JPA persistence unit, and Boot's own Liquibase and Flyway are left alone.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass({ DataSource.class, JdbcTemplate.class, JdbcStorage.class })
@ConditionalOnStorageType(StorageType.JDBC)
@ConditionalOnMissingBean(Storage.class)
@Conditional(ApplicationDataSourceCondition.class)
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class JdbcStorageAutoConfiguration {

    private static final String SCHEMA_INITIALIZER_BEAN = "mtgoStorageSchemaInitializer";

    private static final String STORAGE_BEAN = "mtgoStorage";

    @Bean(SCHEMA_INITIALIZER_BEAN)
    @ConditionalOnMissingBean(JdbcSchemaInitializer.class)
    JdbcSchemaInitializer mtgoStorageSchemaInitializer(BeanFactory beanFactory, ObjectProvider<DataSource> dataSources,
            MtgoStorageProperties properties) {
        DataSource dataSource = dataSourceOf(beanFactory, dataSources, properties.getJdbc());
        registerDependency(beanFactory, dataSource, SCHEMA_INITIALIZER_BEAN);
        return JdbcStorageFactory.schemaInitializer(dataSource, JdbcStorageFactory.describe(dataSource), properties, false);
    }

    @Bean(STORAGE_BEAN)
    AbstractStorage mtgoStorage(JdbcSchemaInitializer schemaInitializer, BeanFactory beanFactory,
            ObjectProvider<DataSource> dataSources, MtgoStorageProperties properties, ObjectProvider<StorageObserver> observers) {
        DataSource dataSource = dataSourceOf(beanFactory, dataSources, properties.getJdbc());
        registerDependency(beanFactory, dataSource, STORAGE_BEAN);
        return JdbcStorageFactory.storage(dataSource, JdbcStorageFactory.describe(dataSource), properties, observers);
    }

    /**
     * Records that the bean uses the DataSource bean it was given, as injecting the DataSource as a
     * parameter would have: it is looked up by name or as the primary one instead, which records
     * nothing. Spring then closes the pool after the storage, and so does the session lease's
     * keeper, which releases the lease through the pool on shutdown (with lazy initialization the
     * pool was made after the keeper and closed before it: the release failed).
     */
    private static void registerDependency(BeanFactory beanFactory, DataSource dataSource, String dependentBeanName) {
        if (!(beanFactory instanceof ConfigurableListableBeanFactory configurable)) {
            return;
        }
        for (String name : configurable.getBeanNamesForType(DataSource.class, true, false)) {
            if (configurable.containsSingleton(name) && configurable.getSingleton(name) == dataSource) {
                configurable.registerDependentBean(name, dependentBeanName);
            }
        }
    }

    /** The bean {@code mtgo.storage.jdbc.data-source} names, else the primary or only DataSource. */
    static DataSource dataSourceOf(BeanFactory beanFactory, ObjectProvider<DataSource> dataSources,
            MtgoStorageProperties.Jdbc jdbc) {
        String name = jdbc.getDataSource();
        if (name != null && !name.isBlank()) {
            try {
                return beanFactory.getBean(name, DataSource.class);
            }
            catch (BeansException ex) {
                throw new StorageStartupException("mtgo.storage.jdbc.data-source names '" + name + "', which is no DataSource bean ("
                        + ex.getMessage() + "). DataSource beans: " + dataSourceNames(beanFactory) + ".",
                        "Set mtgo.storage.jdbc.data-source to the name of a DataSource bean, or remove it to use the primary "
                                + "DataSource.", ex);
            }
        }
        DataSource unique = dataSources.getIfUnique();
        if (unique == null && dataSourceBeanNames(beanFactory).length == 0) {
            throw new StorageStartupException("spring.datasource.url is set, but the application has no DataSource: Spring Boot "
                    + "makes one only when spring-boot-jdbc is on the classpath, and mtgo-storage will not keep the sessions "
                    + "anywhere else than the database the application named.", "Add spring-boot-starter-jdbc (or "
                            + "spring-boot-starter-data-jpa) to the application, or set mtgo.storage.type to another backend, or "
                            + "remove spring.datasource.url to use the starter's H2 file.", null);
        }
        if (unique == null) {
            throw new StorageStartupException("The application has several DataSource beans and none is @Primary, so "
                    + "mtgo-storage cannot tell which one holds its tables.", "Set mtgo.storage.jdbc.data-source to the "
                            + "name of the DataSource bean to use, or mark one @Primary.", null);
        }
        return unique;
    }

    private static String dataSourceNames(BeanFactory beanFactory) {
        String[] names = dataSourceBeanNames(beanFactory);
        return (names.length > 0) ? String.join(", ", names) : "none";
    }

    private static String[] dataSourceBeanNames(BeanFactory beanFactory) {
        return (beanFactory instanceof ListableBeanFactory listable) ? listable.getBeanNamesForType(DataSource.class, true, false)
                : new String[0];
    }

}
