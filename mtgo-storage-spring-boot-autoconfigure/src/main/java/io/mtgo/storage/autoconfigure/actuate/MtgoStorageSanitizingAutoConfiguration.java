package io.mtgo.storage.autoconfigure.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

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

    @Bean
    SanitizingFunction mtgoStorageEncryptionKeySanitizer() {
        return SanitizingFunction.sanitizeValue().ifKeyMatches(MtgoStorageSanitizingAutoConfiguration::isEncryptionKey);
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

}
