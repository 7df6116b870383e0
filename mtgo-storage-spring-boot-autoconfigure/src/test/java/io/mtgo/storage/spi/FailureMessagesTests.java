package io.mtgo.storage.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code StorageException} says of the failure it wraps.
 */
class FailureMessagesTests {

    @Test
    void theInnermostCauseIsAddedWhenTheOuterMessageLacksIt() {
        RuntimeException failure = new IllegalStateException("Error in execution", new RuntimeException("NOPERM this user has no permissions"));
        assertThat(FailureMessages.describe(failure))
            .isEqualTo("IllegalStateException: Error in execution (RuntimeException: NOPERM this user has no permissions)");
    }

    @Test
    void aCauseWithoutAMessageIsNamedByItsType() {
        RuntimeException failure = new IllegalStateException("Unable to connect to Redis", new InterruptedException());
        assertThat(FailureMessages.describe(failure))
            .isEqualTo("IllegalStateException: Unable to connect to Redis (InterruptedException)");
    }

    @Test
    void aMessageAlreadyHoldingTheCauseIsLeftAlone() {
        RuntimeException failure = new IllegalStateException("refused: boom", new RuntimeException("boom"));
        assertThat(FailureMessages.describe(failure)).isEqualTo("IllegalStateException: refused: boom");
    }

}
