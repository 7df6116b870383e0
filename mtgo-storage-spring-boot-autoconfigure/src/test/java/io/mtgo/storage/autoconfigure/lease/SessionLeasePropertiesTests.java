package io.mtgo.storage.autoconfigure.lease;

import java.util.Map;

import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Invalid {@code mtgo.storage.lease.*} values end start-up in Spring Boot's "APPLICATION FAILED TO
 * START" report naming the property, instead of a bean-creation stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionLeasePropertiesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ttl   | -5s | mtgo.storage.lease.ttl must be at least 500ms but was PT-5S: the lease is renewed every third of it, each time a round trip to the store.",
            "ttl   | 0s  | mtgo.storage.lease.ttl must be at least 500ms but was PT0S: the lease is renewed every third of it, each time a round trip to the store.",
            "ttl   | 1ms | mtgo.storage.lease.ttl must be at least 500ms but was PT0.001S: the lease is renewed every third of it, each time a round trip to the store.",
            "wait  | -1s | mtgo.storage.lease.wait must not be negative but was PT-1S.",
            "owner | ' ' | mtgo.storage.lease.owner must not be blank.",
            "owner | ''  | mtgo.storage.lease.owner must not be blank." })
    void invalidLeasePropertyFailsStartUpNamingTheProperty(String name, String value, String description,
            CapturedOutput output) {
        String property = "mtgo.storage.lease." + name;
        assertThatException().isThrownBy(() -> start(property, value));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Description:\n\n" + description + "\n")
            .contains("Action:\n\nSet " + property + " to ")
            .doesNotContain("Application run failed");
    }

    @ParameterizedTest
    @CsvSource({ "256", "300" })
    void ownerLongerThan255CharactersFailsStartUpNamingTheProperty(int length, CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("mtgo.storage.lease.owner", "a".repeat(length)));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("mtgo.storage.lease.owner must be at most 255 characters but was " + length + ".")
            .contains("Set mtgo.storage.lease.owner to a name of at most 255 characters")
            .doesNotContain("Application run failed");
    }

    @ParameterizedTest
    @CsvSource({ "255", "1" })
    void ownerOfAtMost255CharactersIsAccepted(int length) {
        String owner = "a".repeat(length);
        try (ConfigurableApplicationContext context = start("mtgo.storage.lease.owner", owner)) {
            assertThat(context.getBean(SessionLeaseKeeper.class).owner()).isEqualTo(owner);
        }
    }

    /** The value exactly as given (as in application.properties), with the lease on the memory store. */
    private static ConfigurableApplicationContext start(String property, String value) {
        SpringApplication application = new SpringApplication(LeaseApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(
                Map.of("mtgo.storage.type", "memory", "mtgo.storage.lease.enabled", "true", property, value));
        return application.run();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class })
    static class LeaseApplication {

    }

}
