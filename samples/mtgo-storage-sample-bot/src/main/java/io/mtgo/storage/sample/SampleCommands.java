package io.mtgo.storage.sample;

import org.springframework.boot.ApplicationArguments;

/**
 * Command-line commands of the sample (session export/import, backend copy). A run with a command
 * does only that command.
 */
final class SampleCommands {

    private SampleCommands() {
    }

    static boolean isCommand(ApplicationArguments args) {
        return !args.getNonOptionArgs().isEmpty();
    }

}
