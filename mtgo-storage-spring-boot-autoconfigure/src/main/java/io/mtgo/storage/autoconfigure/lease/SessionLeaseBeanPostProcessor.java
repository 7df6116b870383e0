package io.mtgo.storage.autoconfigure.lease;

import io.mtgo.storage.Storage;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;

/**
 * Takes the session's lease while the {@link Storage} bean is being initialised, so that no bean
 * receives the storage before the lease is held (or start-up has failed). It also makes the
 * storage depend on the {@link SessionLeaseKeeper}, so on shutdown the storage and every bean using
 * it are destroyed first and the lease is released last.
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
            this.keeper.getObject().acquire(storage);
            ConfigurableBeanFactory factory = this.beanFactory;
            if (factory != null) {
                factory.registerDependentBean(this.keeperBeanName, beanName);
            }
        }
        return bean;
    }

}
