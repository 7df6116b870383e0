package io.mtgo.storage.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageCopy;
import io.mtgo.storage.interop.ImportedSession;
import io.mtgo.storage.interop.SessionFiles;
import io.mtgo.storage.interop.SessionStringFormat;
import io.mtgo.storage.interop.SessionStrings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sample's commands, given as the first non-option argument:
 * <ul>
 * <li>{@code export-session <telethon|pyrogram|gramjs> <file>}: writes the stored session as that
 * library's string session to a file only its owner can read (a session string is a full login,
 * so it is never printed);</li>
 * <li>{@code import-session <file>}: reads a Telethon, Pyrogram or GramJS string session from a
 * file and stores it as this app's session;</li>
 * <li>{@code import-session-file <file.session>}: imports a Telethon or Pyrogram {@code .session}
 * SQLite file (opened read-only) with its cached peers;</li>
 * <li>{@code copy-to <url> [username] [password]}: copies every session with its peers, metadata,
 * update state and conversations into another backend ({@code jdbc:...}, {@code redis://...},
 * {@code mongodb://...}) and prints the counts.</li>
 * </ul>
 */
@Component
@Order(0)
class SampleCommands implements ApplicationRunner {

    private final Storage storage;

    private final SampleOutput out;

    SampleCommands(Storage storage, SampleOutput out) {
        this.storage = storage;
        this.out = out;
    }

    static boolean isCommand(ApplicationArguments args) {
        return !args.getNonOptionArgs().isEmpty();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!isCommand(args)) {
            return;
        }
        List<String> words = args.getNonOptionArgs();
        switch (words.get(0)) {
            case "export-session" -> exportSession(argument(words, 1, "format"), Path.of(argument(words, 2, "file")));
            case "import-session" -> importSession(Path.of(argument(words, 1, "file")));
            case "import-session-file" -> importSessionFile(Path.of(argument(words, 1, "file.session")));
            case "copy-to" -> copyTo(argument(words, 1, "url"), (words.size() > 2) ? words.get(2) : null,
                    (words.size() > 3) ? words.get(3) : null);
            default -> throw new IllegalArgumentException("Unknown command '" + words.get(0)
                    + "'; commands: export-session, import-session, import-session-file, copy-to");
        }
    }

    private void exportSession(String formatName, Path file) {
        SessionStringFormat format = SessionStringFormat.valueOf(formatName.toUpperCase(Locale.ROOT));
        Session session = this.storage.loadSession(this.storage.sessionName())
            .orElseThrow(() -> new IllegalStateException("No session '" + this.storage.sessionName()
                    + "' is stored yet: run the sample once without a command first"));
        String text = (format == SessionStringFormat.PYROGRAM)
                ? SessionStrings.exportPyrogram(session, this.storage.getUserId().orElse(0),
                        this.storage.getIsBot().orElse(false))
                : SessionStrings.export(session, format);
        writeOwnerOnly(file, text);
        this.out.line("Exported session '%s' as a %s string session to %s (%d characters, readable by the owner only)",
                session.name(), format.name().toLowerCase(Locale.ROOT), file, text.length());
    }

    private void importSession(Path file) {
        String text = read(file).trim();
        ImportedSession imported = SessionStrings.parse(this.storage.sessionName(), text);
        imported.saveTo(this.storage);
        Session session = imported.session();
        this.out.line("Imported a %s as '%s': DC %d (%s:%d)%s", imported.source().description(),
                session.name(), session.dcId(), session.serverAddress(), session.port(),
                imported.userId().isPresent() ? ", user id " + imported.userId().getAsLong() : "");
    }

    private void importSessionFile(Path file) {
        ImportedSession imported = SessionFiles.read(file, this.storage.sessionName());
        imported.saveTo(this.storage);
        this.out.line("Imported a %s as '%s': DC %d, %d peers cached, %d skipped as invalid",
                imported.source().description(), imported.session().name(), imported.session().dcId(),
                imported.peers().size(), imported.skippedPeers());
    }

    private void copyTo(String url, String username, String password) {
        int parameters = url.indexOf('?');
        String shownUrl = (parameters > 0) ? url.substring(0, parameters) : url;
        try (CopyTarget target = CopyTarget.open(url, username, password, this.storage.sessionName())) {
            StorageCopy.Counts counts = StorageCopy.copy(this.storage, target.storage());
            this.out.line("Copied %d sessions, %d peers, %d update states and %d conversations to %s", counts.sessions(),
                    counts.peers(), counts.updateStates(), counts.conversations(), shownUrl);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Copy to " + shownUrl + " failed", ex);
        }
    }

    private static String argument(List<String> words, int index, String name) {
        if (words.size() <= index) {
            throw new IllegalArgumentException("Missing <" + name + "> for command '" + words.get(0) + "'");
        }
        return words.get(index);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    private static void writeOwnerOnly(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (UnsupportedOperationException ex) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file, ex);
        }
    }

}
