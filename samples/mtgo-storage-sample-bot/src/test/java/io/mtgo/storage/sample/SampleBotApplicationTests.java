package io.mtgo.storage.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as a user would, on a fresh H2 file: a first run, a second run that finds
 * everything, then the session commands.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleBotApplicationTests {

    @TempDir
    Path directory;

    private void run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--mtgo.storage.jdbc.h2.path=" + this.directory.resolve("sample-db");
        System.arraycopy(args, 0, all, 1, args.length);
        try (ConfigurableApplicationContext context = SpringApplication.run(SampleBotApplication.class, all)) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void everythingSurvivesARestartAndTheSessionCommandsWork(CapturedOutput output) throws Exception {
        run();
        assertThat(output).contains("First run on the jpa backend")
            .contains("Peer cache: 305 of 305 peers stored; 300 of 300 full access hashes intact after min updates; "
                    + "217 of 217 current usernames resolve");

        run();
        assertThat(output).contains("Welcome back on the jpa backend")
            .contains("Account: user id 777000001, bot true, name 'Sample Bot', @mtgo_sample_bot")
            .contains("Update state for DC 2 resumes at pts=117")
            .contains("moved on to 'ask_city'");

        Path exported = this.directory.resolve("session.txt");
        run("export-session", "telethon", exported.toString());
        assertThat(output).contains("Exported session 'sample-bot' as a telethon string session");
        assertThat(Files.getPosixFilePermissions(exported)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(exported);
        assertThat(text).startsWith("1");
        assertThat(output.getAll()).doesNotContain(text.trim());

        run("import-session", exported.toString());
        assertThat(output).contains("Imported a telethon string session as 'sample-bot': DC 2 (149.154.167.51:443)");

        run("copy-to", "jdbc:h2:file:" + this.directory.resolve("copy-target"));
        assertThat(output).contains("Copied 1 sessions, 305 peers, 1 update states and 1 conversations to jdbc:h2:file:");

        run("export-session", "pyrogram", this.directory.resolve("pyrogram.txt").toString());
        run("export-session", "gramjs", this.directory.resolve("gramjs.txt").toString());
        assertThat(output).contains("as a pyrogram string session").contains("as a gramjs string session");
    }

}
