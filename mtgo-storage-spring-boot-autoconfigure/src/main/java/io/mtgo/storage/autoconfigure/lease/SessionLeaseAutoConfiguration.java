package io.mtgo.storage.autoconfigure.lease;

import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the session lease
 * ({@code mtgo.storage.lease.enabled=true}): the {@link Storage} bean is handed out only once its
 * session's lease is held, the lease is renewed in the background and released on shutdown
 * ({@link io.mtgo.storage.autoconfigure.health.MtgoStorageHealthAutoConfiguration} adds its health
 * indicator). Applies to whichever {@link Storage}
 * bean the context has, the auto-configured one or the application's.
 */
@AutoConfiguration(after = MtgoStorageAutoConfiguration.class)
@ConditionalOnBooleanProperty("mtgo.storage.lease.enabled")
@EnableConfigurationProperties(MtgoStorageProperties.class)
public final class SessionLeaseAutoConfiguration {

    static final String KEEPER_BEAN = "mtgoSessionLeaseKeeper";

    @Bean
    static SessionLeaseBeanPostProcessor mtgoSessionLeaseBeanPostProcessor(ObjectProvider<SessionLeaseKeeper> keeper) {
        return new SessionLeaseBeanPostProcessor(keeper, KEEPER_BEAN);
    }

    @Bean(KEEPER_BEAN)
    SessionLeaseKeeper mtgoSessionLeaseKeeper(MtgoStorageProperties properties, ApplicationEventPublisher events) {
        return new SessionLeaseKeeper(properties.getLease(), events);
    }

}
