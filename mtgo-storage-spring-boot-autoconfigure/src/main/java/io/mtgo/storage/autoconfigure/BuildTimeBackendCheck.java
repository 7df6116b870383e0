package io.mtgo.storage.autoconfigure;

import java.util.EnumSet;

import javax.sql.DataSource;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fails start-up when an application processed ahead of time (AOT: {@code spring-boot:process-aot},
 * native images) runs with a DataSource URL its build did not see. AOT evaluates the
 * auto-configuration's conditions at build time, so the backend is the one the build's configuration
 * chose; a {@code spring.datasource.url} set only where the application runs (a profile, an
 * environment variable) configures the application's DataSource but would leave the sessions in
 * MongoDB, Redis, the starter's H2 file or memory, where {@code mtgo.storage.type} {@code auto} (or
 * {@code jdbc}) promises the application's database. MongoDB and Redis cannot be missed this way:
 * their beans, and so the choice, exist whenever their starters are on the classpath.
 * <p>
 * A bean factory post-processor, so that it runs on the bean definitions before any bean is made:
 * a run it stops has opened no file and applied no schema.
 */
final class BuildTimeBackendCheck implements BeanFactoryPostProcessor {

    private final Environment environment;

    BuildTimeBackendCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(AotDetector.useGeneratedArtifacts(), beanFactory);
    }

    /**
     * @param aheadOfTime whether the context runs from AOT-generated code
     * @param beanFactory the context's bean definitions
     * @throws StorageStartupException when the build chose another backend than the application's
     * configured DataSource
     */
    void check(boolean aheadOfTime, ConfigurableListableBeanFactory beanFactory) {
        if (!aheadOfTime || !beanFactory.containsBeanDefinition("mtgoStorage")
                || beanFactory.getBeanNamesForType(JdbcStorageAutoConfiguration.class, true, false).length > 0
                || !ApplicationDataSourceCondition.hasDataSourceUrl(this.environment)
                || beanFactory.getBeanNamesForType(DataSource.class, true, false).length == 0) {
            return;
        }
        StorageType type = Binder.get(this.environment).bind("mtgo.storage.type", StorageType.class).orElse(StorageType.AUTO);
        if (!EnumSet.of(StorageType.AUTO, StorageType.JDBC).contains(type.canonical())) {
            return;
        }
        throw new StorageStartupException("This application was processed ahead of time (AOT) without spring.datasource.url, "
                + "so its build gave mtgo-storage another backend than the DataSource; at run time spring.datasource.url is set, "
                + "and the sessions would not be kept in that database.", "Process the application ahead of time with the "
                        + "configuration it runs with: the same profile, or spring.datasource.url set for the build too.", null);
    }

}
