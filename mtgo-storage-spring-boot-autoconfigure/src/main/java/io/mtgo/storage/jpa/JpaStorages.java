package io.mtgo.storage.jpa;

import java.util.Map;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Builds JPA storages without Spring Boot, for {@link io.mtgo.storage.Storages#adapt}.
 */
final class JpaStorages {

    private JpaStorages() {
    }

    /** Applies the schema and builds an entity manager factory of the library's entities only, owned by the storage. */
    static Storage onDataSource(DataSource dataSource, String sessionName) {
        JpaSchema.apply(dataSource);
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(SessionEntity.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setPersistenceUnitName("mtgo-storage");
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none"));
        factory.afterPropertiesSet();
        EntityManagerFactory entityManagerFactory = factory.getObject();
        return new JpaStorage(new JpaTransactions(entityManagerFactory), sessionName, factory::destroy);
    }

    /** Applies the schema to the factory's DataSource when it can be found; the factory stays the caller's. */
    static Storage onEntityManagerFactory(EntityManagerFactory entityManagerFactory, String sessionName) {
        DataSource dataSource = dataSourceOf(entityManagerFactory);
        if (dataSource != null) {
            JpaSchema.apply(dataSource);
        }
        return new JpaStorage(entityManagerFactory, sessionName);
    }

    private static DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
        if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
            return info.getDataSource();
        }
        for (String property : new String[] { "jakarta.persistence.nonJtaDataSource", "hibernate.connection.datasource" }) {
            if (entityManagerFactory.getProperties().get(property) instanceof DataSource dataSource) {
                return dataSource;
            }
        }
        return null;
    }

}
