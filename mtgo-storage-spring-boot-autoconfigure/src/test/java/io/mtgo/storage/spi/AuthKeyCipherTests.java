package io.mtgo.storage.spi;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.mtgo.storage.StorageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthKeyCipherTests {

    private static final String KEY_A = key(1);

    private static final String KEY_B = key(2);

    private static String key(int seed) {
        byte[] material = new byte[32];
        new Random(seed).nextBytes(material);
        return Base64.getEncoder().encodeToString(material);
    }

    private static byte[] authKey() {
        byte[] key = new byte[256];
        new Random(9).nextBytes(key);
        return key;
    }

    @Test
    void sealedFormHoldsNoPlaintextAndOpensToTheKey() {
        AuthKeyCipher cipher = AuthKeyCipher.of(List.of(KEY_A));
        byte[] sealed = cipher.seal(authKey(), "bot");
        assertThat(sealed).hasSize(AuthKeyCipher.SEALED_LENGTH);
        assertThat(HexFormat.of().formatHex(sealed)).doesNotContain(HexFormat.of().formatHex(authKey(), 0, 16));
        assertThat(cipher.open(sealed, "bot")).isEqualTo(authKey());
    }

    @Test
    void everyWriteUsesAFreshNonce() {
        AuthKeyCipher cipher = AuthKeyCipher.of(List.of(KEY_A));
        assertThat(cipher.seal(authKey(), "bot")).isNotEqualTo(cipher.seal(authKey(), "bot"));
    }

    @Test
    void rotationDecryptsWithAnyKeyAndEncryptsWithTheFirst() {
        byte[] sealedWithA = AuthKeyCipher.of(List.of(KEY_A)).seal(authKey(), "bot");
        AuthKeyCipher rotated = AuthKeyCipher.of(List.of(KEY_B, KEY_A));
        assertThat(rotated.open(sealedWithA, "bot")).isEqualTo(authKey());
        byte[] resealed = rotated.seal(authKey(), "bot");
        assertThat(AuthKeyCipher.of(List.of(KEY_B)).open(resealed, "bot")).isEqualTo(authKey());
    }

    @Test
    void wrongKeyFailsClearlyInsteadOfReturningGarbage() {
        byte[] sealed = AuthKeyCipher.of(List.of(KEY_A)).seal(authKey(), "bot");
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> AuthKeyCipher.of(List.of(KEY_B)).open(sealed, "bot"))
            .withMessageContaining("key id")
            .withMessageContaining("bot");
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> AuthKeyCipher.PLAIN.open(sealed, "bot"))
            .withMessageContaining("none is configured");
    }

    @Test
    void aKeyMovedToAnotherSessionOrAlteredDoesNotDecrypt() {
        AuthKeyCipher cipher = AuthKeyCipher.of(List.of(KEY_A));
        byte[] sealed = cipher.seal(authKey(), "bot");
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> cipher.open(sealed, "other-bot"))
            .withMessageContaining("failed authentication");
        sealed[100] ^= 1;
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> cipher.open(sealed, "bot"));
    }

    @Test
    void plainRowsAreReadAndPlainCipherStoresPlain() {
        assertThat(AuthKeyCipher.of(List.of(KEY_A)).open(authKey(), "bot")).isEqualTo(authKey());
        assertThat(AuthKeyCipher.PLAIN.seal(authKey(), "bot")).isEqualTo(authKey());
        assertThat(AuthKeyCipher.PLAIN.seal(null, "bot")).isNull();
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> AuthKeyCipher.PLAIN.open(new byte[100], "bot"))
            .withMessageContaining("corrupt");
    }

    /** Python's {@code secrets.token_urlsafe(32)} and {@code urlsafe_b64encode} write '-' and '_'. */
    @Test
    void aKeyInTheUrlSafeAlphabetIsTheSameKey() {
        byte[] material = new byte[32];
        java.util.Arrays.fill(material, (byte) 0xFB); // encodes to '+' and '/' in the standard alphabet
        String standard = Base64.getEncoder().encodeToString(material);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(material);
        assertThat(standard).contains("+", "/");
        assertThat(urlSafe).contains("-", "_").doesNotContain("+", "/", "=");
        byte[] sealed = AuthKeyCipher.of(List.of(standard)).seal(authKey(), "bot");
        assertThat(AuthKeyCipher.of(List.of(urlSafe)).open(sealed, "bot")).isEqualTo(authKey());
    }

    @Test
    void rejectsKeysThatAreNotBase64Of256Bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuthKeyCipher.of(List.of("not base64!")))
            .withMessageContaining("mtgo.storage.encryption.key[0]");
        assertThatIllegalArgumentException().isThrownBy(() -> AuthKeyCipher.of(List.of(KEY_A, "AAAA")))
            .withMessageContaining("mtgo.storage.encryption.key[1]")
            .withMessageContaining("3 bytes");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        AuthKeyCipher cipher = AuthKeyCipher.of(List.of(KEY_A));
        assertThat(cipher.toString()).doesNotContain(KEY_A).contains(cipher.activeKeyId());
    }

}
