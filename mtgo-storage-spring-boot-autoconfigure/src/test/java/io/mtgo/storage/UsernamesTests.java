package io.mtgo.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsernamesTests {

    @ParameterizedTest
    @ValueSource(strings = { "alice", "@Alice", "ALICE", "@aLiCe" })
    void keyIsLowerCaseWithoutAt(String username) {
        assertThat(Usernames.key(username, "username")).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "@", "abcd", "@abcd", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "has space", "dash-ed", "ünïcode", "@@alice", "alice!",
            "ali\u0000ce", "alice\n" })
    void rejectsMalformedUsernames(String username) {
        assertThatIllegalArgumentException().isThrownBy(() -> Usernames.key(username, "username"))
            .withMessageStartingWith("username");
    }

}
