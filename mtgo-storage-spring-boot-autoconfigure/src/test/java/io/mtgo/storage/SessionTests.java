package io.mtgo.storage;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionTests {

    private static byte[] key() {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return key;
    }

    @Test
    void toStringNeverShowsTheAuthKeyOrApiHashInAnyEncoding() {
        byte[] key = key();
        Session session = Session.builder("bot").authKey(key).apiHash("0123456789abcdef0123456789abcdef").build();
        String text = session.toString();
        assertThat(text).contains("[redacted]")
            .doesNotContain("0123456789abcdef")
            .doesNotContain(HexFormat.of().formatHex(key).substring(0, 16))
            .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 16));
    }

    @Test
    void authKeyIsCopiedInAndOut() {
        byte[] key = key();
        Session session = Session.builder("bot").authKey(key).build();
        key[0] = 0;
        session.authKey()[1] = 0;
        assertThat(session.authKey()).isEqualTo(key());
    }

    @Test
    void comparesByContent() {
        Session a = Session.builder("bot").authKey(key()).dcId(4).build();
        Session b = Session.builder("bot").authKey(key()).dcId(4).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toBuilder().port(443).build()).isNotEqualTo(a);
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder("bot").authKey(new byte[255]).build())
            .withMessageContaining("authKey");
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder("bot").dcId(0).build()).withMessageContaining("dcId");
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder("bot").port(70_000).build()).withMessageContaining("port");
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder(" ").build()).withMessageContaining("name");
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder("bot").apiId(-1).build()).withMessageContaining("apiId");
        assertThatIllegalArgumentException().isThrownBy(() -> Session.builder("bot").date(-1).build()).withMessageContaining("date");
    }

}
