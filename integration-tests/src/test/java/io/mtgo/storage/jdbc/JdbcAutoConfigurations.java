package io.mtgo.storage.jdbc;

import io.mtgo.storage.autoconfigure.AbsentApplicationChangelogAutoConfiguration;
import io.mtgo.storage.autoconfigure.JdbcStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.JdbcStorageEntitiesAutoConfiguration;
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
final class JdbcAutoConfigurations {

    static final AutoConfigurations ALL = AutoConfigurations.of(AbsentApplicationChangelogAutoConfiguration.class, DataSourceAutoConfiguration.class,
            HibernateJpaAutoConfiguration.class, LiquibaseAutoConfiguration.class, TransactionAutoConfiguration.class,
            DataJpaRepositoriesAutoConfiguration.class, JdbcStorageEntitiesAutoConfiguration.class,
            JdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class);

    private JdbcAutoConfigurations() {
    }

}
