package io.mtgo.storage.autoconfigure.actuate;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that masks {@code mtgo.storage.encryption.key}
 * in the {@code env} and {@code configprops} endpoints also where an application shows their values
 * ({@code management.endpoint.env.show-values=always} or {@code when-authorized}): whoever reads it
 * can decrypt every stored auth key. Spring Boot masks nothing in that mode, its own passwords
 * included, and applies sanitizing functions first.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MtgoStorageSanitizingAutoConfiguration {

    private static final String KEY_PROPERTY = "mtgo.storage.encryption.key";

    /**
     * Masks the property itself, and any other value that carries one of the configured keys: the
     * key also reaches the environment inside {@code SPRING_APPLICATION_JSON}, the JVM's command
     * line ({@code sun.java.command} holds {@code --mtgo.storage.encryption.key=...}) or
     * {@code JAVA_TOOL_OPTIONS}, whose names say nothing of it.
     */
    @Bean
    SanitizingFunction mtgoStorageEncryptionKeySanitizer(Environment environment) {
        Supplier<List<String>> configuredKeys = SingletonSupplier.of(() -> configuredKeys(environment));
        return data -> (isEncryptionKey(data.getKey()) || carriesAKey(data.getValue(), configuredKeys.get()))
                ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    /**
     * The property in every form a property source or the configprops report names it:
     * {@code mtgo.storage.encryption.key}, its list elements ({@code ...key[0]}), and the environment
     * variable {@code MTGO_STORAGE_ENCRYPTION_KEY}.
     */
    static boolean isEncryptionKey(String key) {
        String letters = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return letters.startsWith("mtgostorageencryptionkey");
    }

    private static boolean carriesAKey(@Nullable Object value, List<String> keys) {
        if (value == null || keys.isEmpty()) {
            return false;
        }
        String text = value.toString();
        return keys.stream().anyMatch(text::contains);
    }

    /** The keys as the storage reads them, blank ones left out (they encrypt nothing). */
    private static List<String> configuredKeys(Environment environment) {
        return Binder.get(environment)
            .bind(KEY_PROPERTY, Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .map(String::strip)
            .filter(key -> !key.isEmpty())
            .toList();
    }

}
