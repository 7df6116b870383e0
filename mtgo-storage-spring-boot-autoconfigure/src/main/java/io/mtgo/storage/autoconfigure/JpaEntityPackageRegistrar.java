package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.jdbc.JdbcStorage;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Adds the library's entity package to what Hibernate scans, without {@code @EntityScan}: to the
 * application's {@code @EntityScan} packages when it declared some (Boot then scans only those),
 * otherwise to the auto-configuration packages next to the application's own. Registering
 * {@code EntityScanPackages} when the application has none would stop Boot scanning the
 * application's package.
 */
class JpaEntityPackageRegistrar implements ImportBeanDefinitionRegistrar {

    static final String ENTITY_PACKAGE = JdbcStorage.class.getPackageName();

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(EntityScanPackages.class.getName())) {
            EntityScanPackages.register(registry, ENTITY_PACKAGE);
        }
        else {
            AutoConfigurationPackages.register(registry, ENTITY_PACKAGE);
        }
    }

}
