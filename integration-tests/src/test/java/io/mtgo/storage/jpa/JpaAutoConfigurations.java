package io.mtgo.storage.jpa;

import io.mtgo.storage.autoconfigure.AbsentApplicationChangelogAutoConfiguration;
import io.mtgo.storage.autoconfigure.JpaStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.JpaStorageEntitiesAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * What a Spring Boot application with the starter and JPA gets auto-configured.
 */
final class JpaAutoConfigurations {

    static final AutoConfigurations ALL = AutoConfigurations.of(AbsentApplicationChangelogAutoConfiguration.class, DataSourceAutoConfiguration.class,
            HibernateJpaAutoConfiguration.class, LiquibaseAutoConfiguration.class, TransactionAutoConfiguration.class,
            DataJpaRepositoriesAutoConfiguration.class, JpaStorageEntitiesAutoConfiguration.class,
            JpaStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class);

    private JpaAutoConfigurations() {
    }

}
