package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.jdbc.H2Durability;
import io.mtgo.storage.jdbc.JdbcStorage;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that prepares JPA for the library before
 * Spring Boot builds the DataSource and the entity manager factory: registers the library's entity
 * package (never with {@code @EntityScan}), and, when the application configured no DataSource at
 * all, provides the starter's zero-config default, a persistent embedded H2 file database at
 * {@code mtgo.storage.jdbc.h2.path}. Under {@code mtgo.storage.type=auto} the default is only
 * created when the application has no MongoDB or Redis either, since those are then preferred.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
        afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnClass({ EntityManagerFactory.class, JdbcStorage.class, DataSource.class })
@EnableConfigurationProperties(MtgoStorageProperties.class)
@Import(JpaEntityPackageRegistrar.class)
public final class JdbcStorageEntitiesAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.h2.Driver", "com.zaxxer.hikari.HikariDataSource" })
    @ConditionalOnBooleanProperty(name = "mtgo.storage.jdbc.h2.enabled", matchIfMissing = true)
    @Conditional({ NoDataSourceConfiguredCondition.class, H2DefaultWantedCondition.class })
    @ConditionalOnMissingBean(value = DataSource.class, type = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
    static class H2DefaultConfiguration {

        @Bean
        HikariDataSource dataSource(MtgoStorageProperties properties) {
            Path file = Path.of(properties.getJdbc().getH2().getPath()).toAbsolutePath().normalize();
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setPoolName("mtgo-storage-h2");
            dataSource.setJdbcUrl("jdbc:h2:file:" + file + H2Durability.URL_SETTINGS);
            dataSource.setUsername("sa");
            dataSource.setPassword("");
            return dataSource;
        }

        @Bean
        H2DefaultDataSource mtgoStorageH2Default(HikariDataSource dataSource) {
            return new H2DefaultDataSource(dataSource, dataSource.getJdbcUrl());
        }

    }

    /**
     * The H2 default is wanted when JPA is requested explicitly, or under {@code auto} when the
     * application has no MongoDB or Redis (which {@code auto} would prefer).
     */
    static class H2DefaultWantedCondition extends AnyNestedCondition {

        H2DefaultWantedCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "mtgo.storage.type", havingValue = "jdbc")
        static class JdbcRequested {

        }

        @ConditionalOnProperty(name = "mtgo.storage.type", havingValue = "jpa")
        static class JdbcRequestedByItsFormerName {

        }

        @ConditionalOnProperty(name = "mtgo.storage.type", havingValue = "auto", matchIfMissing = true)
        @ConditionalOnMissingBean(type = { "org.springframework.data.mongodb.core.MongoTemplate",
                "org.springframework.data.redis.connection.RedisConnectionFactory" })
        static class NothingElseUnderAuto {

        }

    }

}
