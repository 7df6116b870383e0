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

    /** A .session file with Telethon's own schema (database version 7), one session and two entities. */
    private Path telethonSessionFile() throws Exception {
        Path file = this.directory.resolve("old-bot.session");
        byte[] key = new byte[256];
        java.util.Arrays.fill(key, (byte) 3);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create table version (version integer primary key) without rowid");
            statement.execute("create table sessions (dc_id integer primary key, server_address text, port integer, "
                    + "auth_key blob, takeout_id integer) without rowid");
            statement.execute("create table entities (id integer primary key, hash integer not null, username text, "
                    + "phone integer, name text, date integer) without rowid");
            statement.execute("insert into version values (7)");
            try (java.sql.PreparedStatement session = connection.prepareStatement("insert into sessions values (4, '149.154.167.91', 443, ?, null)")) {
                session.setBytes(1, key);
                session.executeUpdate();
            }
            statement.execute("insert into entities values (777000, 1234567, 'telegram', 42777, 'Telegram', 1700000000)");
            statement.execute("insert into entities values (-1001234567890, -55, 'durov_channel', null, 'Durov', 1700000002)");
        }
        return file;
    }

    @Test
    void everythingSurvivesARestartAndTheSessionCommandsWork(CapturedOutput output) throws Exception {
        run();
        assertThat(output).contains("First run on the jdbc backend")
            .contains("Peer cache: 305 of 305 peers stored; 300 of 300 full access hashes intact after min updates; "
                    + "217 of 217 current usernames resolve");

        run();
        assertThat(output).contains("Welcome back on the jdbc backend")
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
        assertThat(output).contains("Imported a Telethon string session as 'sample-bot': DC 2 (149.154.167.51:443)");

        run("copy-to", "jdbc:h2:file:" + this.directory.resolve("copy-target"));
        assertThat(output).contains("Copied 1 sessions, 305 peers, 1 update states and 1 conversations to jdbc:h2:file:");

        Path telethonFile = telethonSessionFile();
        run("import-session-file", telethonFile.toString());
        assertThat(output).contains("Imported a Telethon .session file as 'sample-bot': DC 4, 2 peers cached, 0 skipped as invalid");

        run("export-session", "pyrogram", this.directory.resolve("pyrogram.txt").toString());
        run("export-session", "gramjs", this.directory.resolve("gramjs.txt").toString());
        assertThat(output).contains("as a pyrogram string session").contains("as a gramjs string session");
    }

}
