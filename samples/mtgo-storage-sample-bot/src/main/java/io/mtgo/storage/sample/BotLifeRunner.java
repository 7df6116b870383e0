package io.mtgo.storage.sample;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.AbstractStorage;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Plays a bot's life against the injected {@link Storage}: the first run logs in (a new session),
 * caches the peers of a stream of updates, records metadata and update state, and starts a
 * registration dialog; every later run shows that all of it survived and moves the dialog on.
 * Skipped when the sample is started with a command (see {@link SampleCommands}).
 */
@Component
@Order(1)
class BotLifeRunner implements ApplicationRunner {

    /** Telegram's DC 2 (production), where new sessions of this sample live. */
    static final String DC2_ADDRESS = "149.154.167.51";

    private static final List<String> DIALOG = List.of("ask_name", "ask_city", "confirm", "done");

    private final Storage storage;

    private final ConversationStore conversations;

    private final SampleOutput out;

    BotLifeRunner(Storage storage, ConversationStore conversations, SampleOutput out) {
        this.storage = storage;
        this.conversations = conversations;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (SampleCommands.isCommand(args)) {
            return;
        }
        String backend = (this.storage instanceof AbstractStorage s) ? s.backendName() : this.storage.getClass().getSimpleName();
        UpdateFixture fixture = UpdateFixture.load();
        this.storage.loadSession(this.storage.sessionName())
            .ifPresentOrElse(session -> nextRun(session, fixture, backend), () -> firstRun(fixture, backend));
    }

    private void firstRun(UpdateFixture fixture, String backend) {
        byte[] authKey = new byte[256];
        new SecureRandom().nextBytes(authKey);
        Session session = Session.builder(this.storage.sessionName())
            .dcId(2)
            .serverAddress(DC2_ADDRESS)
            .port(443)
            .authKey(authKey)
            .date(System.currentTimeMillis())
            .build();
        this.storage.saveSession(session);
        this.out.line("First run on the %s backend: logged in as session '%s' on DC %d (%s:%d), auth key stored (%d bytes, never printed)",
                backend, session.name(), session.dcId(), session.serverAddress(), session.port(), authKey.length);

        long started = System.nanoTime();
        int pts = 0;
        for (List<Peer> update : fixture.updates()) {
            this.storage.savePeers(update);
            this.storage.setUpdateState(2, updateState(++pts, 0, 1_700_000_000 + pts, pts));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        this.out.line("Processed %d updates carrying %d distinct peers in %d ms (savePeers + setUpdateState per update)",
                fixture.updates().size(), fixture.distinctPeers().size(), millis);

        this.storage.setUserId(777_000_001L);
        this.storage.setIsBot(true);
        this.storage.setFirstName("Sample Bot");
        this.storage.setLastName("");
        this.storage.setUsername("mtgo_sample_bot");
        this.conversations.saveConversation(Conversation.builder(-1001L, 5_000_000_000L)
            .name("registration")
            .step(DIALOG.get(0))
            .data(Map.of("started_by", "/start"))
            .build());
        this.out.line("Recorded account metadata, update state for DC 2 (pts=%d) and started the 'registration' dialog at step '%s'",
                pts, DIALOG.get(0));
        report(fixture);
        this.out.line("Run the sample again: everything above must still be there.");
    }

    private void nextRun(Session session, UpdateFixture fixture, String backend) {
        this.out.line("Welcome back on the %s backend: session '%s' found on DC %d (%s:%d), auth key present: %s",
                backend, session.name(), session.dcId(), session.serverAddress(), session.port(), session.authKey() != null);
        this.out.line("Account: user id %s, bot %s, name '%s', @%s",
                this.storage.getUserId().orElse(-1), this.storage.getIsBot().orElse(false),
                this.storage.getFirstName().orElse("?"), this.storage.getUsername().orElse("?"));
        int pts = this.storage.getUpdateState(2).map(state -> ByteBuffer.wrap(state).getInt()).orElse(-1);
        this.out.line("Update state for DC 2 resumes at pts=%d", pts);
        report(fixture);
        this.conversations.loadConversation(-1001L, 5_000_000_000L).ifPresent(this::advanceDialog);
    }

    private void advanceDialog(Conversation conversation) {
        int next = Math.min(DIALOG.indexOf(conversation.step()) + 1, DIALOG.size() - 1);
        Conversation moved = conversation.toBuilder()
            .step(DIALOG.get(next))
            .data(Map.of("started_by", "/start", "answers", String.valueOf(next)))
            .updatedAt(0)
            .build();
        this.conversations.saveConversation(moved);
        this.out.line("Dialog '%s' was at step '%s' (started %d ms ago); moved on to '%s'", conversation.name(),
                conversation.step(), System.currentTimeMillis() - conversation.createdAt(), moved.step());
    }

    /** Checks the peer cache against the fixture and prints what it found. */
    private void report(UpdateFixture fixture) {
        Map<Long, Peer> expected = fixture.lastFullPeers();
        int found = 0;
        int accessHashesKept = 0;
        for (Peer peer : fixture.distinctPeers()) {
            // The type is known here: a user, a chat and a channel may share an id (loadPeer(markedId) works too).
            Peer stored = this.storage.loadPeer(peer.type(), peer.id()).orElse(null);
            if (stored == null) {
                continue;
            }
            found++;
            Peer full = expected.get(peer.markedId());
            if (full != null && stored.accessHash() == full.accessHash()) {
                accessHashesKept++;
            }
        }
        List<String> usernames = expected.values().stream().map(Peer::username).filter(Objects::nonNull).toList();
        long resolved = usernames.stream().filter(name -> this.storage.loadPeerByUsername(name.toUpperCase(Locale.ROOT)).isPresent()).count();
        this.out.line("Peer cache: %d of %d peers stored; %d of %d full access hashes intact after min updates; "
                + "%d of %d current usernames resolve (case-insensitively)", found, fixture.distinctPeers().size(), accessHashesKept,
                expected.size(), resolved, usernames.size());
    }

    private static byte[] updateState(int pts, int qts, int date, int seq) {
        return ByteBuffer.allocate(16).putInt(pts).putInt(qts).putInt(date).putInt(seq).array();
    }

}
