package io.mtgo.storage.autoconfigure.lease;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.Lifecycle;

/**
 * Takes the session's lease while the {@link Storage} bean is being initialised, so that no bean
 * receives the storage before the lease is held (or start-up has failed). It also makes the
 * storage depend on the {@link SessionLeaseKeeper}, so on shutdown the storage and every bean using
 * it are destroyed first and the lease is released last.
 * <p>
 * Some connections close before any bean is destroyed: Spring Data Redis's connection factory is a
 * {@link Lifecycle} bean, stopped in the context's lifecycle stop. When the storage depends,
 * directly or through other beans, on such a bean, the keeper is made to depend on it too, so that
 * the context stops the keeper (which then releases the lease) just before it.
 */
final class SessionLeaseBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final ObjectProvider<SessionLeaseKeeper> keeper;

    private final String keeperBeanName;

    private @Nullable ConfigurableBeanFactory beanFactory;

    SessionLeaseBeanPostProcessor(ObjectProvider<SessionLeaseKeeper> keeper, String keeperBeanName) {
        this.keeper = keeper;
        this.keeperBeanName = keeperBeanName;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof Storage storage) {
            SessionLeaseKeeper leaseKeeper = this.keeper.getObject();
            leaseKeeper.acquire(storage);
            ConfigurableBeanFactory factory = this.beanFactory;
            if (factory != null) {
                Set<String> lifecycleDependencies = lifecycleDependencies(factory, beanName);
                for (String dependency : lifecycleDependencies) {
                    factory.registerDependentBean(dependency, this.keeperBeanName);
                }
                if (!lifecycleDependencies.isEmpty()) {
                    leaseKeeper.releaseOnStop();
                }
                factory.registerDependentBean(this.keeperBeanName, beanName);
            }
        }
        return bean;
    }

    /** The {@link Lifecycle} beans the storage bean depends on, directly or through other beans. */
    private Set<String> lifecycleDependencies(ConfigurableBeanFactory factory, String storageBeanName) {
        Set<String> seen = new HashSet<>();
        Set<String> lifecycleBeans = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(Arrays.asList(factory.getDependenciesForBean(storageBeanName)));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (name.equals(this.keeperBeanName) || !seen.add(name) || !factory.containsBean(name)) {
                continue;
            }
            if (factory.isTypeMatch(name, Lifecycle.class)) {
                lifecycleBeans.add(name);
            }
            pending.addAll(Arrays.asList(factory.getDependenciesForBean(name)));
        }
        return lifecycleBeans;
    }

}
