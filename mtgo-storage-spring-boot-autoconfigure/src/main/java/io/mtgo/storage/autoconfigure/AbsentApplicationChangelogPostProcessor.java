package io.mtgo.storage.autoconfigure;

import liquibase.integration.spring.SpringLiquibase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The starter puts Liquibase on every application's classpath, and Spring Boot's own Liquibase
 * then fails start-up when the application has no changelog at the default location. When the
 * application did not set {@code spring.liquibase.change-log} and nothing exists at the default
 * location, Boot's Liquibase bean is told not to run; the library's own bean is untouched, and an
 * explicitly configured changelog that is missing still fails as usual.
 */
class AbsentApplicationChangelogPostProcessor implements BeanPostProcessor {

    private static final Log logger = LogFactory.getLog(AbsentApplicationChangelogPostProcessor.class);

    private final Environment environment;

    AbsentApplicationChangelogPostProcessor(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase && !JdbcStorageAutoConfiguration.LIQUIBASE_BEAN.equals(beanName)
                && !this.environment.containsProperty("spring.liquibase.change-log") && liquibase.getChangeLog() != null
                && !new DefaultResourceLoader(getClass().getClassLoader()).getResource(liquibase.getChangeLog()).exists()) {
            logger.debug("The application has no Liquibase changelog at " + liquibase.getChangeLog()
                    + "; Spring Boot's Liquibase bean '" + beanName + "' will not run (mtgo-storage applies its own schema)");
            liquibase.setShouldRun(false);
        }
        return bean;
    }

}
