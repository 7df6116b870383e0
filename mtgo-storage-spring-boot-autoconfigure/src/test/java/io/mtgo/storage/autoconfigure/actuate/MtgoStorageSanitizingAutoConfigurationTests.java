package io.mtgo.storage.autoconfigure.actuate;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encryption key stays masked in the env and configprops endpoints when the application shows
 * their values; nothing else is masked by it.
 */
class MtgoStorageSanitizingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MtgoStorageSanitizingAutoConfiguration.class));

    @ParameterizedTest
    @ValueSource(strings = { "mtgo.storage.encryption.key", "mtgo.storage.encryption.key[1]", "MTGO_STORAGE_ENCRYPTION_KEY" })
    void theEncryptionKeyIsMaskedWhereValuesAreShown(String key) {
        this.runner.run(context -> {
            Sanitizer sanitizer = new Sanitizer(List.of(context.getBean(SanitizingFunction.class)));
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "c2VjcmV0LWtleS1ieXRlcw=="), true))
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "mtgo.storage.session-name", "mtgo.storage.type", "server.port" })
    void otherPropertiesAreLeftAsTheApplicationShowsThem(String key) {
        this.runner.run(context -> {
            Sanitizer sanitizer = new Sanitizer(List.of(context.getBean(SanitizingFunction.class)));
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "shown"), true)).isEqualTo("shown");
        });
    }

    @Test
    void backsOffWithoutTheActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
            .run(context -> assertThat(context).doesNotHaveBean(SanitizingFunction.class));
    }

}
