package io.mtgo.storage.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.mtgo.storage.Arguments;
import io.mtgo.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts auth keys at rest with AES-256-GCM: a fresh 96-bit nonce per write, the key's id stored
 * beside the ciphertext, and the session name as associated data (a stored key copied into another
 * session's row does not decrypt). Several keys support rotation: the first encrypts, any decrypts,
 * and a row is re-encrypted with the first key whenever its session is saved again.
 * <p>
 * Stored form: {@code "MTE1"} (4 bytes), key id (8 bytes), nonce (12 bytes), ciphertext and tag
 * (272 bytes) — 296 bytes. A stored value of exactly 256 bytes is a plain auth key: it is read as
 * is (rows written before encryption was configured) and encrypted on the next save.
 */
public final class AuthKeyCipher {

    /** Stores auth keys in plain form (no key configured). */
    public static final AuthKeyCipher PLAIN = new AuthKeyCipher(List.of());

    private static final byte[] MAGIC = { 'M', 'T', 'E', '1' };

    private static final int KEY_ID_LENGTH = 8;

    private static final int NONCE_LENGTH = 12;

    private static final int TAG_BITS = 128;

    /** Length of an encrypted stored auth key. */
    public static final int SEALED_LENGTH = MAGIC.length + KEY_ID_LENGTH + NONCE_LENGTH + Arguments.AUTH_KEY_LENGTH + TAG_BITS / 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Key> keys;

    private AuthKeyCipher(List<Key> keys) {
        this.keys = keys;
    }

    /**
     * Builds a cipher from base64-encoded 256-bit keys; the first encrypts.
     * @param base64Keys the keys, at least one
     * @return the cipher
     * @throws IllegalArgumentException naming the first key that is not a base64 256-bit key
     */
    public static AuthKeyCipher of(List<String> base64Keys) {
        Arguments.requireNoNullElements(base64Keys, "encryption keys");
        if (base64Keys.isEmpty()) {
            throw new IllegalArgumentException("encryption keys must not be empty; use AuthKeyCipher.PLAIN for none");
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < base64Keys.size(); i++) {
            keys.add(Key.decode(base64Keys.get(i).trim(), "mtgo.storage.encryption.key[" + i + "]"));
        }
        return new AuthKeyCipher(List.copyOf(keys));
    }

    /**
     * Whether auth keys are encrypted.
     * @return false for {@link #PLAIN}
     */
    public boolean encrypts() {
        return !this.keys.isEmpty();
    }

    /**
     * Returns the id of the key that encrypts, for logs (a hash prefix, not the key).
     * @return the hex key id, or {@code null} when plain
     */
    public @Nullable String activeKeyId() {
        return encrypts() ? HexFormat.of().formatHex(this.keys.get(0).id) : null;
    }

    /**
     * Returns what to store for an auth key.
     * @param authKey the 256-byte auth key, or {@code null}
     * @param sessionName the session it belongs to (bound as associated data)
     * @return the stored form, or {@code null} when there is no key
     */
    public byte @Nullable [] seal(byte @Nullable [] authKey, String sessionName) {
        if (authKey == null || !encrypts()) {
            return authKey;
        }
        Key key = this.keys.get(0);
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = key.cipher(Cipher.ENCRYPT_MODE, nonce, sessionName);
            byte[] sealed = cipher.doFinal(authKey);
            return ByteBuffer.allocate(SEALED_LENGTH).put(MAGIC).put(key.id).put(nonce).put(sealed).array();
        }
        catch (GeneralSecurityException ex) {
            throw new StorageException("Cannot encrypt the auth key of session '" + sessionName + "'", ex);
        }
    }

    /**
     * Returns the auth key from its stored form.
     * @param stored what the backend stored, or {@code null}
     * @param sessionName the session it belongs to
     * @return the 256-byte auth key, or {@code null}
     * @throws StorageException when it cannot be decrypted with the configured keys
     */
    public byte @Nullable [] open(byte @Nullable [] stored, String sessionName) {
        if (stored == null || stored.length == Arguments.AUTH_KEY_LENGTH) {
            return stored;
        }
        if (stored.length != SEALED_LENGTH || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new StorageException("The stored auth key of session '" + sessionName + "' is neither a plain 256-byte key nor "
                    + "an encrypted one (" + stored.length + " bytes): the row is corrupt");
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored, MAGIC.length, stored.length - MAGIC.length);
        byte[] keyId = new byte[KEY_ID_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        buffer.get(keyId).get(nonce);
        Key key = this.keys.stream().filter(candidate -> Arrays.equals(candidate.id, keyId)).findFirst().orElseThrow(() ->
                new StorageException("The auth key of session '" + sessionName + "' was encrypted with key id "
                        + HexFormat.of().formatHex(keyId) + ", which is not among the configured mtgo.storage.encryption.key values"
                        + (encrypts() ? "" : " (none is configured)")));
        try {
            Cipher cipher = key.cipher(Cipher.DECRYPT_MODE, nonce, sessionName);
            return cipher.doFinal(stored, MAGIC.length + KEY_ID_LENGTH + NONCE_LENGTH,
                    stored.length - MAGIC.length - KEY_ID_LENGTH - NONCE_LENGTH);
        }
        catch (AEADBadTagException ex) {
            throw new StorageException("The auth key of session '" + sessionName + "' failed authentication: it was altered, or "
                    + "belongs to another session", ex);
        }
        catch (GeneralSecurityException ex) {
            throw new StorageException("Cannot decrypt the auth key of session '" + sessionName + "'", ex);
        }
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return encrypts() ? "AuthKeyCipher{AES-256-GCM, keys=" + this.keys.size() + ", active id=" + activeKeyId() + "}"
                : "AuthKeyCipher{plain}";
    }

    private static final class Key {

        private final SecretKeySpec secret;

        private final byte[] id;

        private Key(byte[] material) {
            this.secret = new SecretKeySpec(material, "AES");
            this.id = keyId(material);
        }

        /**
         * Either base64 alphabet: {@code openssl rand -base64 32} writes the standard one, Python's
         * {@code secrets.token_urlsafe} and {@code urlsafe_b64encode} the URL-safe one ({@code -_});
         * the two share every other character, so the same key reads the same in both.
         */
        static Key decode(String base64, String field) {
            byte[] material;
            try {
                material = Base64.getDecoder().decode(base64);
            }
            catch (IllegalArgumentException standard) {
                try {
                    material = Base64.getUrlDecoder().decode(base64);
                }
                catch (IllegalArgumentException urlSafe) {
                    throw new IllegalArgumentException(field + " is not valid base64 (standard or URL-safe alphabet)");
                }
            }
            if (material.length != 32) {
                throw new IllegalArgumentException(field + " must be a base64-encoded 256-bit (32-byte) key but decodes to "
                        + material.length + " bytes");
            }
            return new Key(material);
        }

        Cipher cipher(int mode, byte[] nonce, String sessionName) throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, this.secret, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(("mtgo-storage auth key v1|" + sessionName).getBytes(StandardCharsets.UTF_8));
            return cipher;
        }

        /** A one-way id: the first 8 bytes of SHA-256 over a label and the key. */
        private static byte[] keyId(byte[] material) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update("mtgo-storage key id".getBytes(StandardCharsets.UTF_8));
                return Arrays.copyOf(digest.digest(material), KEY_ID_LENGTH);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("SHA-256 is not available", ex);
            }
        }

    }

}
