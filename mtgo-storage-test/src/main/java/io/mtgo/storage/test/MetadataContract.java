package io.mtgo.storage.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's own metadata: user id, bot flag, names, username.
 */
public interface MetadataContract extends ContractFixture {

    @Test
    default void metadataIsAbsentUntilSet() {
        assertThat(storage().getUserId()).isEmpty();
        assertThat(storage().getIsBot()).isEmpty();
        assertThat(storage().getFirstName()).isEmpty();
        assertThat(storage().getLastName()).isEmpty();
        assertThat(storage().getUsername()).isEmpty();
    }

    @Test
    default void userIdRoundTripsIncludingExtremes() {
        for (long id : new long[] { 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 7_000_000_000L }) {
            storage().setUserId(id);
            assertThat(storage().getUserId()).hasValue(id);
        }
    }

    @Test
    default void isBotRoundTripsBothValues() {
        storage().setIsBot(true);
        assertThat(storage().getIsBot()).contains(true);
        storage().setIsBot(false);
        assertThat(storage().getIsBot()).contains(false);
    }

    @Test
    default void namesRoundTripWithUnicode() {
        storage().setFirstName("Ђорђе 🐍 李");
        storage().setLastName("");
        assertThat(storage().getFirstName()).contains("Ђорђе 🐍 李");
        assertThat(storage().getLastName()).contains("");
        storage().setLastName("Second");
        assertThat(storage().getLastName()).contains("Second");
    }

    @Test
    default void usernameIsStoredWithoutTheAtSign() {
        storage().setUsername("@My_Bot_Name");
        assertThat(storage().getUsername()).contains("My_Bot_Name");
    }

}
