package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.jdbc.JdbcSchemaInitializer;
import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.spi.AbstractStorage;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which backend an application gets, with every backend's infrastructure really there (H2,
 * MongoDB, Redis), exactly as documented for {@code mtgo.storage.type}: each backend's
 * auto-configuration contributes the {@link Storage} in a fixed order under
 * {@code @ConditionalOnMissingBean}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackendSelectionTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner app() {
        TestServices.Redis redis = TestServices.redis();
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MongoAutoConfiguration.class,
                    DataMongoAutoConfiguration.class, DataRedisAutoConfiguration.class, JdbcStorageAutoConfiguration.class,
                    MongoStorageAutoConfiguration.class, RedisStorageAutoConfiguration.class,
                    EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=" + TestServices.mongodb().uri() + "/mtgo_selection",
                    "spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
                    "mtgo.storage.jdbc.h2.path=" + h2File(), "mtgo.storage.redis.key-prefix=mtgo-selection");
    }

    private Path h2File() {
        return this.directory.resolve("default");
    }

    private static String backend(ApplicationContext context) {
        return ((AbstractStorage) context.getBean(Storage.class)).backendName();
    }

    @Test
    void autoPrefersADataSourceTheApplicationConfiguredOverMongoAndRedis() {
        app().withPropertyValues("spring.datasource.url=jdbc:h2:mem:selection-app;DB_CLOSE_DELAY=-1")
            .run(context -> assertThat(backend(context)).isEqualTo("jdbc"));
    }

    @Test
    void autoPrefersADataSourceBeanTheApplicationDefinedOverMongoAndRedis() {
        app().withUserConfiguration(AppDataSource.class).run(context -> assertThat(backend(context)).isEqualTo("jdbc"));
    }

    @Test
    void autoPrefersMongoOverRedisAndBootsGeneratedInMemoryDatabase() {
        app().run(context -> {
            assertThat(backend(context)).isEqualTo("mongodb");
            assertThat(context).doesNotHaveBean(JdbcSchemaInitializer.class)
                .doesNotHaveBean(MtgoStorageH2File.class);
        });
        assertThat(h2File().resolveSibling("default.mv.db")).doesNotExist();
    }

    @Test
    void aRedisApplicationGetsNoJdbcBeanOfTheLibrarysMakingAndNoDatabaseFile() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class)).run(context -> {
            assertThat(backend(context)).isEqualTo("redis");
            assertThat(context).doesNotHaveBean(JdbcSchemaInitializer.class)
                .doesNotHaveBean(MtgoStorageH2File.class);
        });
        assertThat(h2File().resolveSibling("default.mv.db")).doesNotExist();
    }

    @Test
    void aMongoApplicationWithoutSpringBootJdbcGetsNoDataSourceAtAll() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, DataMongoAutoConfiguration.class,
                    JdbcStorageAutoConfiguration.class, MongoStorageAutoConfiguration.class, RedisStorageAutoConfiguration.class,
                    EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=" + TestServices.mongodb().uri() + "/mtgo_selection",
                    "mtgo.storage.jdbc.h2.path=" + h2File())
            .run(context -> {
                assertThat(backend(context)).isEqualTo("mongodb");
                assertThat(context).doesNotHaveBean(DataSource.class).doesNotHaveBean(JdbcSchemaInitializer.class);
            });
        assertThat(h2File().resolveSibling("default.mv.db")).doesNotExist();
    }

    @Test
    void autoUsesTheStartersH2FileOnlyWhenTheApplicationHasNothingElse() {
        app().withClassLoader(new FilteredClassLoader("org.springframework.data.mongodb", "org.springframework.data.redis")).run(context -> {
            assertThat(context).hasSingleBean(MtgoStorageH2File.class);
            assertThat(backend(context)).isEqualTo("jdbc");
        });
        assertThat(h2File().resolveSibling("default.mv.db")).exists();
    }

    /** {@code SPRING_DATASOURCE_URL: ${DB_URL}} with {@code DB_URL} unset: Spring Boot generates its in-memory database, as without the property. */
    @Test
    void anEmptyDataSourceUrlIsNoDataSourceOfTheApplications() {
        app().withPropertyValues("spring.datasource.url=").run(context -> assertThat(backend(context)).isEqualTo("mongodb"));
        app().withPropertyValues("spring.datasource.url= ")
            .withClassLoader(new FilteredClassLoader("org.springframework.data.mongodb", "org.springframework.data.redis"))
            .run(context -> assertThat(context).hasSingleBean(MtgoStorageH2File.class));
        assertThat(h2File().resolveSibling("default.mv.db")).exists();
    }

    @Test
    void autoFallsBackToMemoryWithoutAnyDatabase(CapturedOutput output) {
        app().withClassLoader(new FilteredClassLoader("org.h2", "com.zaxxer", "org.springframework.data.mongodb",
                "org.springframework.data.redis"))
            .run(context -> assertThat(context.getBean(Storage.class)).isInstanceOf(MemoryStorage.class));
        assertThat(output).contains("will not survive a restart");
    }

    @Test
    void anExplicitTypeWinsOverPrecedence() {
        app().withPropertyValues("spring.datasource.url=jdbc:h2:mem:selection-explicit;DB_CLOSE_DELAY=-1", "mtgo.storage.type=redis")
            .run(context -> {
                assertThat(backend(context)).isEqualTo("redis");
                assertThat(context).doesNotHaveBean(JdbcSchemaInitializer.class);
            });
        app().withPropertyValues("mtgo.storage.type=mongodb", "spring.datasource.url=jdbc:h2:mem:selection-mongo;DB_CLOSE_DELAY=-1")
            .run(context -> assertThat(backend(context)).isEqualTo("mongodb"));
        app().withPropertyValues("mtgo.storage.type=jdbc").run(context -> {
            assertThat(context).hasSingleBean(MtgoStorageH2File.class);
            assertThat(backend(context)).isEqualTo("jdbc");
        });
    }

    @Test
    void typeJpaStillSelectsTheJdbcBackendWithAWarning(CapturedOutput output) {
        app().withPropertyValues("mtgo.storage.type=jpa").run(context -> assertThat(backend(context)).isEqualTo("jdbc"));
        assertThat(output).contains("mtgo.storage.type=jpa is the former name of 'jdbc'");
    }

    @Test
    void anExplicitTypeWithoutItsInfrastructureFailsStartUp() {
        app().withClassLoader(new FilteredClassLoader(MongoTemplate.class)).withPropertyValues("mtgo.storage.type=mongodb")
            .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(MissingStorageInfrastructureException.class)
                .hasMessageContaining("MongoTemplate"));
    }

    @Test
    void aStorageTheApplicationDefinesOnASecondaryDataSourceMakesTheLibraryCreateNothing() {
        app().withUserConfiguration(AppDataSource.class, UserStorage.class).run(context -> {
            assertThat(context.getBean(Storage.class).sessionName()).isEqualTo("user-defined");
            assertThat(context).doesNotHaveBean(JdbcSchemaInitializer.class);
            Integer tables = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'MTGO%'", Integer.class);
            assertThat(tables).isZero();
        });
    }

    @Test
    void theDataSourcePropertyChoosesASecondaryDataSource() {
        app().withUserConfiguration(AppDataSource.class, SecondaryDataSource.class)
            .withPropertyValues("mtgo.storage.jdbc.data-source=secondaryDataSource")
            .run(context -> {
                assertThat(backend(context)).isEqualTo("jdbc");
                JdbcTemplate primary = new JdbcTemplate(context.getBean("appDataSource", DataSource.class));
                JdbcTemplate secondary = new JdbcTemplate(context.getBean("secondaryDataSource", DataSource.class));
                String count = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'MTGO_SESSIONS'";
                assertThat(primary.queryForObject(count, Integer.class)).isZero();
                assertThat(secondary.queryForObject(count, Integer.class)).isOne();
            });
    }

    @Test
    void aDataSourcePropertyNamingNoBeanFailsStartUpInsteadOfFallingBackToAnotherBackend() {
        // With MongoDB, Redis and the starter's H2 file all available, a misspelt name must not
        // quietly put the sessions in one of them.
        app().withUserConfiguration(AppDataSource.class, SecondaryDataSource.class)
            .withPropertyValues("mtgo.storage.jdbc.data-source=secondaryDatasource")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(StorageStartupException.class.getName() + ": mtgo.storage.jdbc.data-source names "
                            + "'secondaryDatasource', which is no DataSource bean (No bean named 'secondaryDatasource' available)")
                    .hasStackTraceContaining("DataSource beans: appDataSource, secondaryDataSource.");
                assertThat(h2File().resolveSibling("default.mv.db")).doesNotExist();
            });
    }

    @Test
    void aDataSourceUrlWithoutSpringBootJdbcFailsStartUpInsteadOfFallingBackToTheH2File() {
        // No DataSourceAutoConfiguration: the application forgot spring-boot-starter-jdbc, so nothing
        // serves its URL; the sessions must not go to the starter's H2 file or another backend.
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JdbcStorageAutoConfiguration.class, EmbeddedJdbcStorageAutoConfiguration.class,
                    MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/somewhere", "mtgo.storage.jdbc.h2.path=" + h2File())
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasStackTraceContaining(StorageStartupException.class.getName()
                        + ": spring.datasource.url is set, but the application has no DataSource");
            });
        assertThat(h2File().resolveSibling("default.mv.db")).doesNotExist();
    }

    @Configuration(proxyBeanMethods = false)
    static class AppDataSource {

        @Bean
        @Primary
        DataSource appDataSource() {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:app-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class SecondaryDataSource {

        @Bean
        DataSource secondaryDataSource() {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:secondary-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserStorage {

        @Bean
        Storage userStorage() {
            return MemoryStorage.builder().sessionName("user-defined").build();
        }

    }

}
