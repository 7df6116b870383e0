package io.mtgo.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link StorageCopy#copy} refuses a missing storage naming the argument (it was a bare
 * {@code NullPointerException}); the copy itself is tested on every backend by the kit's
 * {@code StorageCopyTests}.
 */
class StorageCopyArgumentTests {

    @Test
    @SuppressWarnings("NullAway")
    void aCopyWithoutSourceOrTargetIsRefusedBeforeAnythingIsCopied() {
        Storage source = Storages.memory("copy-source");
        source.setUserId(7);
        assertThatIllegalArgumentException().isThrownBy(() -> StorageCopy.copy(source, null)).withMessageContaining("target");
        assertThatIllegalArgumentException().isThrownBy(() -> StorageCopy.copy(null, source)).withMessageContaining("source");
        assertThat(source.getUserId()).hasValue(7L);
    }

}
