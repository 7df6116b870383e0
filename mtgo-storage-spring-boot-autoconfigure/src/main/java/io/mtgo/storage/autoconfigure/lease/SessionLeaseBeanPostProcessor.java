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
 * it are destroyed first and the lease is released last, and the keeper depend on every bean the
 * storage depends on, directly or through other beans (its DataSource, the H2 file's pool), so
 * that those are destroyed after the lease is released. Without that, the order would be left to
 * the order the beans were made in, reversed: with lazy initialization the keeper, a lifecycle bean
 * made at start-up, comes before the pool, made when the storage is first used, and the pool was
 * closed before the keeper could release the lease.
 * <p>
 * Some connections close before any bean is destroyed: Spring Data Redis's connection factory is a
 * {@link Lifecycle} bean, stopped in the context's lifecycle stop. When the storage depends on such
 * a bean, the context stops the keeper (which then releases the lease) just before it.
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
                Set<String> dependencies = dependencies(factory, beanName);
                for (String dependency : dependencies) {
                    factory.registerDependentBean(dependency, this.keeperBeanName);
                }
                if (dependencies.stream().anyMatch(dependency -> factory.isTypeMatch(dependency, Lifecycle.class))) {
                    leaseKeeper.releaseOnStop();
                }
                factory.registerDependentBean(this.keeperBeanName, beanName);
            }
        }
        return bean;
    }

    /** The beans the storage bean depends on, directly or through other beans. */
    private Set<String> dependencies(ConfigurableBeanFactory factory, String storageBeanName) {
        Set<String> dependencies = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(Arrays.asList(factory.getDependenciesForBean(storageBeanName)));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (name.equals(this.keeperBeanName) || !factory.containsBean(name) || !dependencies.add(name)) {
                continue;
            }
            pending.addAll(Arrays.asList(factory.getDependenciesForBean(name)));
        }
        return dependencies;
    }

}
