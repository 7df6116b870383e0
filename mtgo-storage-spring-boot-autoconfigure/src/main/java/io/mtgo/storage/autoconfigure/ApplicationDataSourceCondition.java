package io.mtgo.storage.autoconfigure;

import java.util.Arrays;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Matches when the application has a DataSource of its own making: one named by
 * {@code mtgo.storage.jdbc.data-source} (whether or not that bean exists), one configured with
 * a non-empty {@code spring.datasource.url} (whether or not a DataSource bean serves it) or a service
 * connection, or a DataSource bean the application defines. A DataSource that Spring Boot
 * generated only because an embedded driver is on the classpath (an in-memory H2 database) does
 * not count: MongoDB, Redis and the starter's H2 file are preferred to it, since nothing in it
 * survives a restart.
 */
class ApplicationDataSourceCondition extends SpringBootCondition implements ConfigurationCondition {

    /** Bean definitions are only all there once beans are registered, not while parsing. */
    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    private static final String BOOT_JDBC_AUTOCONFIGURE = "org.springframework.boot.jdbc.autoconfigure.";

    private static final String JDBC_CONNECTION_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory == null) {
            return ConditionOutcome.noMatch("no bean factory");
        }
        String named = context.getEnvironment().getProperty("mtgo.storage.jdbc.data-source");
        if (named != null && !named.isBlank()) {
            // Matches even when no such bean exists, so that a misspelt name fails start-up
            // (JdbcStorageAutoConfiguration names the DataSource beans there are) instead of
            // quietly moving the sessions to the starter's H2 file or another backend.
            return ConditionOutcome.match("mtgo.storage.jdbc.data-source names bean '" + named + "'");
        }
        if (hasDataSourceUrl(context.getEnvironment())) {
            // Matches also when no DataSource bean serves the URL (spring-boot-starter-jdbc missing),
            // so that start-up says so (JdbcStorageAutoConfiguration) instead of quietly keeping the
            // sessions in the starter's H2 file or another backend.
            return ConditionOutcome.match("spring.datasource.url is set");
        }
        String[] dataSources = beanFactory.getBeanNamesForType(DataSource.class, true, false);
        if (dataSources.length == 0) {
            return ConditionOutcome.noMatch("no DataSource bean");
        }
        if (hasServiceConnection(context, beanFactory)) {
            return ConditionOutcome.match("a JdbcConnectionDetails bean (service connection) defines the DataSource");
        }
        boolean allGenerated = Arrays.stream(dataSources).allMatch(name -> isFromBootJdbc(beanFactory, name));
        return allGenerated ? ConditionOutcome.noMatch("the only DataSource is the in-memory database Spring Boot generated")
                : ConditionOutcome.match("the application defines a DataSource bean");
    }

    /**
     * Whether {@code spring.datasource.url} has a value. An empty one ({@code ${DB_URL}} with the
     * variable unset) is no URL to Spring Boot, which then generates its in-memory database: counting
     * it would keep the sessions there, lost at every restart.
     */
    static boolean hasDataSourceUrl(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    private static boolean hasServiceConnection(ConditionContext context, ConfigurableListableBeanFactory beanFactory) {
        if (!ClassUtils.isPresent(JDBC_CONNECTION_DETAILS, context.getClassLoader())) {
            return false;
        }
        Class<?> detailsType = ClassUtils.resolveClassName(JDBC_CONNECTION_DETAILS, context.getClassLoader());
        return Arrays.stream(beanFactory.getBeanNamesForType(detailsType, true, false))
            .anyMatch(name -> !isFromBootJdbc(beanFactory, name));
    }

    private static boolean isFromBootJdbc(ConfigurableListableBeanFactory beanFactory, String beanName) {
        if (!beanFactory.containsBeanDefinition(beanName)) {
            return false;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
        String factoryBean = definition.getFactoryBeanName();
        String factoryClass = (factoryBean != null && beanFactory.containsBeanDefinition(factoryBean))
                ? beanFactory.getBeanDefinition(factoryBean).getBeanClassName() : definition.getBeanClassName();
        String source = String.valueOf(factoryClass) + " " + String.valueOf(definition.getResourceDescription());
        return source.contains(BOOT_JDBC_AUTOCONFIGURE);
    }

}
