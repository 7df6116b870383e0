package io.mtgo.storage.autoconfigure;

import java.util.List;

import io.mtgo.storage.spi.AuthKeyCipher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns {@code mtgo.storage.encryption.key} into the storage's {@link AuthKeyCipher}, and says once
 * at start-up when a persistent backend stores auth keys in plain form.
 */
final class AuthKeyEncryption {

    private static final Log logger = LogFactory.getLog(AuthKeyEncryption.class);

    private AuthKeyEncryption() {
    }

    static AuthKeyCipher cipherFor(MtgoStorageProperties.Encryption encryption) {
        AuthKeyCipher cipher = requireValidKeys(encryption);
        if (cipher != AuthKeyCipher.PLAIN) {
            logger.info("mtgo-storage encrypts auth keys at rest with AES-256-GCM (active key id " + cipher.activeKeyId() + ", "
                    + keys(encryption).size() + " key(s) configured)");
        }
        return cipher;
    }

    /**
     * @return the cipher of the configured keys, {@link AuthKeyCipher#PLAIN} when none is
     * @throws StorageStartupException naming the key's property, never the key, when one is not a 256-bit base64 key
     */
    static AuthKeyCipher requireValidKeys(MtgoStorageProperties.Encryption encryption) {
        List<String> keys = keys(encryption);
        if (keys.isEmpty()) {
            return AuthKeyCipher.PLAIN;
        }
        try {
            return AuthKeyCipher.of(keys);
        }
        catch (IllegalArgumentException ex) {
            // The message names the property ("mtgo.storage.encryption.key[0] ..."), never the key.
            throw new StorageStartupException(ex.getMessage() + ".", "Set mtgo.storage.encryption.key to base64-encoded "
                    + "256-bit keys, for example the output of 'openssl rand -base64 32'.", ex);
        }
    }

    private static List<String> keys(MtgoStorageProperties.Encryption encryption) {
        return encryption.getKey().stream().filter(key -> !key.isBlank()).toList();
    }

    /** Plain keys are expected in memory; anywhere else they deserve one warning. */
    static void warnIfPlain(AuthKeyCipher cipher, String backend) {
        if (cipher == AuthKeyCipher.PLAIN && !"memory".equals(backend)) {
            logger.warn("mtgo-storage stores auth keys in plain form in the " + backend
                    + " backend; set mtgo.storage.encryption.key to a base64-encoded 256-bit key to encrypt them at rest");
        }
    }

}
