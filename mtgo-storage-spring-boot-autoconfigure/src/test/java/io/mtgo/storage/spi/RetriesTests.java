package io.mtgo.storage.spi;

import java.util.concurrent.atomic.AtomicInteger;

import io.mtgo.storage.StorageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RetriesTests {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void roundsAtOnceAreNotCountedAsLostAttempts() {
        // Every attempt first needs ROUNDS_AT_ONCE rounds at once, then loses after a pause: only
        // the lost ones count, so it gives up after MAX_ATTEMPTS of those.
        int roundsPerAttempt = Retries.ROUNDS_AT_ONCE + 1;
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> Retries.run("savePeers of session 'a'", () -> {
            int call = this.calls.incrementAndGet();
            throw (call % roundsPerAttempt == 0) ? new Retries.TryAgain() : Retries.TryAgain.atOnce();
        })).withMessage("savePeers of session 'a' kept losing races with concurrent writers; gave up after 25 attempts");
        assertThat(this.calls).hasValue(Retries.MAX_ATTEMPTS * roundsPerAttempt);
    }

    @Test
    void moreRoundsAtOnceInARowThanAllowedCountAsOneLostAttempt() {
        String result = Retries.run("loadPeerByUsername of session 'a'", () -> {
            if (this.calls.incrementAndGet() <= 3 * (Retries.ROUNDS_AT_ONCE + 1)) {
                throw Retries.TryAgain.atOnce();
            }
            return "found";
        });
        assertThat(result).isEqualTo("found");
        assertThat(this.calls).hasValue(3 * (Retries.ROUNDS_AT_ONCE + 1) + 1);
    }

    @Test
    void aFailureThatIsNotTransientGoesToTheCallerAtOnce() {
        assertThatIllegalStateException().isThrownBy(() -> Retries.run("saveSession of session 'a'", failure -> false, () -> {
            this.calls.incrementAndGet();
            throw new IllegalStateException("refused");
        })).withMessage("refused");
        assertThat(this.calls).hasValue(1);
    }

    @Test
    void aTransientFailureIsTriedAgainUntilAnAttemptSucceeds() {
        String result = Retries.run("saveSession of session 'a'", IllegalStateException.class::isInstance, () -> {
            if (this.calls.incrementAndGet() < 3) {
                throw new IllegalStateException("TRYAGAIN");
            }
            return "saved";
        });
        assertThat(result).isEqualTo("saved");
        assertThat(this.calls).hasValue(3);
    }

}
