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

    private static final String KEY_LIST = "mtgo.storage.encryption.key";

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

    /** Where the key reaches the environment under another name: found by its value. */
    @ParameterizedTest
    @ValueSource(strings = { "sun.java.command", "SPRING_APPLICATION_JSON", "JAVA_TOOL_OPTIONS" })
    void aValueCarryingAConfiguredKeyIsMaskedWhateverItsName(String key) {
        String first = "c2VjcmV0LWtleS1ieXRlcy1maXJzdC0zMi1ieXRlcyE=";
        String second = "b2xkZXIta2V5LWJ5dGVzLXNlY29uZC0zMi1ieXRlcyE=";
        this.runner.withPropertyValues(KEY_LIST + "[0]=" + first, KEY_LIST + "[1]=" + second).run(context -> {
            Sanitizer sanitizer = new Sanitizer(List.of(context.getBean(SanitizingFunction.class)));
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "app.jar --mtgo.storage.encryption.key=" + second), true))
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "{\"mtgo\":{\"storage\":{\"encryption\":{\"key\":\"" + first + "\"}}}}"),
                    true))
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "app.jar --server.port=8080"), true))
                .isEqualTo("app.jar --server.port=8080");
        });
    }

    @Test
    void withoutAConfiguredKeyNoValueIsMaskedForWhatItCarries() {
        this.runner.withPropertyValues(KEY_LIST + "=").run(context -> {
            Sanitizer sanitizer = new Sanitizer(List.of(context.getBean(SanitizingFunction.class)));
            assertThat(sanitizer.sanitize(new SanitizableData(null, "sun.java.command", "app.jar --x=1"), true)).isEqualTo("app.jar --x=1");
        });
    }

    @Test
    void backsOffWithoutTheActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
            .run(context -> assertThat(context).doesNotHaveBean(SanitizingFunction.class));
    }

}
