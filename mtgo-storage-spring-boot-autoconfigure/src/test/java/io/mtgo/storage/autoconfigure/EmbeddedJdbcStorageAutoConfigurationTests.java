package io.mtgo.storage.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link EmbeddedJdbcStorageAutoConfiguration} that are checked before the H2 file is
 * opened. Opening the file is tested in the integration tests.
 */
class EmbeddedJdbcStorageAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class));

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t" })
    void blankH2PathFailsStartUpNamingThePropertyAndCreatesNoFile(String path) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path fileNamedAfterTheWorkingDirectory = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".mv.db");
        // The value exactly as given: withPropertyValues would trim it.
        this.runner.withInitializer(context -> context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("h2", Map.of("mtgo.storage.jdbc.h2.path", path))))
            .run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new StorageStartupFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).isEqualTo("mtgo.storage.jdbc.h2.path must not be blank.");
                assertThat(analysis.getAction()).startsWith("Set mtgo.storage.jdbc.h2.path to ");
            });
        assertThat(fileNamedAfterTheWorkingDirectory).doesNotExist();
    }

}
