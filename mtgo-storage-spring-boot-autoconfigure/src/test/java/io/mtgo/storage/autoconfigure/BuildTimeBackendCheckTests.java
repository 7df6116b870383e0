package io.mtgo.storage.autoconfigure;

import javax.sql.DataSource;

import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.spi.AbstractStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an AOT-processed application meets when its build saw no DataSource URL and its run does:
 * the beans the build chose (here memory, as if no DataSource had been configured at build time),
 * with the run's properties. The check runs as AOT would (the flag), in a context that is not.
 */
class BuildTimeBackendCheckTests {

    private final ApplicationContextRunner builtWithoutUrl = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MtgoStorageAutoConfiguration.class))
        .withUserConfiguration(ApplicationDataSource.class);

    @Test
    void aUrlTheBuildDidNotSeeFailsStartUp() {
        this.builtWithoutUrl.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/bot").run(context ->
                assertThatExceptionOfType(StorageStartupException.class)
                    .isThrownBy(() -> check(context, true))
                    .withMessageContaining("processed ahead of time (AOT) without spring.datasource.url"));
    }

    @Test
    void typeJdbcIsCheckedToo() {
        // With type=jdbc and no URL the build chose the starter's H2 file; its storage bean stands in.
        this.builtWithoutUrl.withUserConfiguration(StorageTheBuildChose.class)
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://db/bot", "mtgo.storage.type=jdbc")
            .run(context -> assertThatExceptionOfType(StorageStartupException.class)
                .isThrownBy(() -> check(context, true)));
    }

    @Test
    void theSameConfigurationAsTheBuildOrAnExplicitTypeOrNoAotPasses() {
        this.builtWithoutUrl.run(context -> assertThatCode(() -> check(context, true))
            .doesNotThrowAnyException());
        this.builtWithoutUrl.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/bot", "mtgo.storage.type=memory")
            .run(context -> assertThatCode(() -> check(context, true)).doesNotThrowAnyException());
        this.builtWithoutUrl.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/bot")
            .run(context -> assertThatCode(() -> check(context, false)).doesNotThrowAnyException());
    }

    private static void check(AssertableApplicationContext context, boolean aheadOfTime) {
        context.getBean(BuildTimeBackendCheck.class).check(aheadOfTime, context.getBeanFactory());
    }

    @Configuration(proxyBeanMethods = false)
    static class StorageTheBuildChose {

        @Bean
        AbstractStorage mtgoStorage() {
            return MemoryStorage.builder().sessionName("built").build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationDataSource {

        @Bean
        DataSource dataSource() {
            return new SimpleDriverDataSource();
        }

    }

}
