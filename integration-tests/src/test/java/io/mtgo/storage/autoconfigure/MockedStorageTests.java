package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's test that replaces the {@link Storage} with a mock: the override comes after the
 * auto-configuration's conditions ran, so the library's beans are defined, but the starter's H2
 * file, which only the replaced storage would use, is never opened (no file in the project, no
 * lock that a second test JVM would trip over).
 */
@SpringBootTest(classes = MockedStorageTests.App.class, properties = "mtgo.storage.session-name=mocked")
class MockedStorageTests {

    @TempDir
    static Path directory;

    @MockitoBean
    Storage storage;

    @Autowired
    ConfigurableApplicationContext context;

    @DynamicPropertySource
    static void h2Path(DynamicPropertyRegistry registry) {
        registry.add("mtgo.storage.jdbc.h2.path", () -> directory.resolve("bot").toString());
    }

    @Test
    void aMockedStorageLeavesTheStartersH2FileUnopened() {
        assertThat(Mockito.mockingDetails(this.context.getBean(Storage.class)).isMock()).isTrue();
        assertThat(this.context.getBeanFactory().containsSingleton("mtgoStorageH2File")).isFalse();
        assertThat(directory.resolve("bot.mv.db")).doesNotExist();
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class })
    static class App {

    }

}
