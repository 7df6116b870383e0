package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.jdbc.JdbcStorage;
import io.mtgo.storage.test.TestServices;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which backend an application gets, with every backend's infrastructure really there (H2,
 * MongoDB, Redis), exactly as documented for {@code mtgo.storage.type}.
 */
class BackendSelectionTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner app() {
        TestServices.Redis redis = TestServices.redis();
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AbsentApplicationChangelogAutoConfiguration.class, DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    LiquibaseAutoConfiguration.class, TransactionAutoConfiguration.class, MongoAutoConfiguration.class,
                    DataMongoAutoConfiguration.class, DataRedisAutoConfiguration.class, JdbcStorageEntitiesAutoConfiguration.class,
                    JdbcStorageAutoConfiguration.class, MongoStorageAutoConfiguration.class, RedisStorageAutoConfiguration.class,
                    MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=" + TestServices.mongodb().uri() + "/mtgo_selection",
                    "spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
                    "mtgo.storage.jdbc.h2.path=" + this.directory.resolve("default"), "mtgo.storage.redis.key-prefix=mtgo-selection");
    }

    private static String backend(org.springframework.context.ApplicationContext context) {
        return ((AbstractStorage) context.getBean(Storage.class)).backendName();
    }

    @Test
    void autoPrefersADataSourceTheApplicationConfiguredOverMongoAndRedis() {
        app().withPropertyValues("spring.datasource.url=jdbc:h2:mem:selection-app;DB_CLOSE_DELAY=-1")
            .run(context -> assertThat(backend(context)).isEqualTo("jdbc"));
    }

    @Test
    void autoPrefersMongoOverRedisAndBootsEmbeddedDatabase() {
        app().run(context -> {
            assertThat(context).hasSingleBean(DataSource.class).doesNotHaveBean("mtgoStorageH2Default");
            assertThat(backend(context)).isEqualTo("mongodb");
        });
    }

    @Test
    void autoPicksRedisWhenItIsTheOnlyStoreTheApplicationSetUp() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class)).run(context -> {
            assertThat(context).doesNotHaveBean("mtgoStorageH2Default");
            assertThat(backend(context)).isEqualTo("redis");
        });
    }

    @Test
    void autoUsesTheStartersH2FileOnlyWhenTheApplicationHasNothingElse() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class, RedisConnectionFactory.class)).run(context -> {
            assertThat(context).hasBean("mtgoStorageH2Default");
            assertThat(backend(context)).isEqualTo("jdbc");
        });
        assertThat(this.directory.resolve("default.mv.db")).exists();
    }

    @Test
    void autoFallsBackToMemoryWithoutJpaMongoAndRedis() {
        app().withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate", "org.springframework.data.mongodb",
                "org.springframework.data.redis"))
            .run(context -> assertThat(backend(context)).isEqualTo("memory"));
    }

    @Test
    void anExplicitTypeWinsOverPrecedence() {
        app().withPropertyValues("spring.datasource.url=jdbc:h2:mem:selection-explicit;DB_CLOSE_DELAY=-1", "mtgo.storage.type=redis")
            .run(context -> {
                assertThat(backend(context)).isEqualTo("redis");
                assertThat(context).doesNotHaveBean("mtgoStorageLiquibase");
            });
        app().withPropertyValues("mtgo.storage.type=jpa").run(context -> {
            assertThat(context).hasBean("mtgoStorageH2Default");
            assertThat(backend(context)).isEqualTo("jdbc");
        });
    }

    @Test
    void theEntityManagerFactoryWaitsForTheLibrarysSchema() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class, RedisConnectionFactory.class)).run(context -> {
            String[] dependsOn = context.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn();
            assertThat(dependsOn).contains("mtgoStorageLiquibase");
        });
    }

    @Test
    void storagesAdaptAcceptsTheApplicationsDataSourceAndEntityManagerFactory() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class, RedisConnectionFactory.class)).run(context -> {
            try (Storage onEmf = Storages.adapt(context.getBean(EntityManagerFactory.class), "adapt-emf")) {
                assertThat(onEmf).isInstanceOf(JdbcStorage.class);
                onEmf.setUserId(3);
                assertThat(onEmf.getUserId()).hasValue(3);
            }
            try (Storage onDataSource = Storages.adapt(context.getBean(DataSource.class), "adapt-ds")) {
                assertThat(onDataSource).isInstanceOf(JdbcStorage.class);
                onDataSource.setUserId(4);
                assertThat(onDataSource.getUserId()).hasValue(4);
            }
        });
    }

}
