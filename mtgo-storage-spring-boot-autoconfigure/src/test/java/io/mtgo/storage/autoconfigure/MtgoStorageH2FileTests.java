package io.mtgo.storage.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Where {@code mtgo.storage.jdbc.h2.path} puts the file: '~' as H2's own URLs read it, anything
 * else relative to the working directory.
 */
class MtgoStorageH2FileTests {

    private static final Path HOME = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();

    private static final Path WORKING_DIRECTORY = Path.of("").toAbsolutePath();

    @Test
    void aLeadingTildeIsTheHomeDirectory() {
        assertThat(MtgoStorageH2File.resolve("~/bots/bot")).isEqualTo(HOME.resolve("bots").resolve("bot"));
        assertThat(MtgoStorageH2File.resolve("~")).isEqualTo(HOME);
    }

    @Test
    void otherPathsAreRelativeToTheWorkingDirectory() {
        assertThat(MtgoStorageH2File.resolve("./data/mtgo-storage")).isEqualTo(WORKING_DIRECTORY.resolve("data").resolve("mtgo-storage"));
        assertThat(MtgoStorageH2File.resolve("~bot/x")).isEqualTo(WORKING_DIRECTORY.resolve("~bot").resolve("x"));
        assertThat(MtgoStorageH2File.resolve("/var/lib/bot/db")).isEqualTo(Path.of("/var/lib/bot/db"));
    }

    @Test
    void aBlankPathIsRefusedRatherThanResolvedToTheWorkingDirectory() {
        assertThatIllegalArgumentException().isThrownBy(() -> MtgoStorageH2File.resolve("")).withMessage("path must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> MtgoStorageH2File.resolve("  ")).withMessage("path must not be blank");
    }

}
