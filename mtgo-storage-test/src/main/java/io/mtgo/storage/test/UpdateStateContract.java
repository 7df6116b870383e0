package io.mtgo.storage.test;

import org.junit.jupiter.api.Test;

import io.mtgo.storage.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Update state: opaque bytes per DC.
 */
public interface UpdateStateContract extends ContractFixture {

    @Test
    default void updateStateIsKeptPerDc() {
        storage().setUpdateState(1, new byte[] { 1, 1 });
        storage().setUpdateState(2, new byte[] { 2, 2, 2 });
        assertThat(storage().getUpdateState(1)).hasValueSatisfying(s -> assertThat(s).containsExactly(1, 1));
        assertThat(storage().getUpdateState(2)).hasValueSatisfying(s -> assertThat(s).containsExactly(2, 2, 2));
        assertThat(storage().getUpdateState(3)).isEmpty();
    }

    @Test
    default void emptyUpdateStateIsDistinctFromAbsent() {
        storage().setUpdateState(4, new byte[0]);
        assertThat(storage().getUpdateState(4)).hasValueSatisfying(s -> assertThat(s).isEmpty());
        assertThat(storage().getUpdateState(5)).isEmpty();
    }

    @Test
    default void updateStateIsOverwrittenAndKeepsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        storage().setUpdateState(0, new byte[] { 9 });
        storage().setUpdateState(0, all);
        assertThat(storage().getUpdateState(0)).hasValueSatisfying(s -> assertThat(s).isEqualTo(all));
    }

    @Test
    default void updateStateOfTheHighestDcAndLargestSizeRoundTrips() {
        byte[] large = new byte[Arguments.MAX_UPDATE_STATE_LENGTH];
        large[large.length - 1] = 42;
        storage().setUpdateState(Arguments.MAX_DC_ID, large);
        assertThat(storage().getUpdateState(Arguments.MAX_DC_ID)).hasValueSatisfying(s -> assertThat(s).isEqualTo(large));
    }

    @Test
    default void updateStateIsUnaffectedByChangesToTheCallersArrays() {
        byte[] state = { 1, 2, 3 };
        storage().setUpdateState(2, state);
        state[0] = 99;
        storage().getUpdateState(2).orElseThrow()[1] = 99;
        assertThat(storage().getUpdateState(2)).hasValueSatisfying(s -> assertThat(s).containsExactly(1, 2, 3));
    }

}
