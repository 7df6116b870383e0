package io.mtgo.storage.autoconfigure;

import java.util.Set;

import io.mtgo.storage.jdbc.JdbcSchemaInitializer;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * {@link DatabaseInitializerDetector} for the library's {@link JdbcSchemaInitializer}: beans that
 * depend on database initialization wait for it, and its late order makes it run after the
 * application's own Flyway and Liquibase migrations (so a Flyway application on a fresh database
 * finds it empty, as Flyway requires).
 */
class JdbcSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(JdbcSchemaInitializer.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

}
