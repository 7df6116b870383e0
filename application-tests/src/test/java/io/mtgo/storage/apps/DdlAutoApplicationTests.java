package io.mtgo.storage.apps;

import java.nio.file.Path;
import java.util.stream.Stream;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Data JPA application under every {@code ddl-auto} setting keeps its stored session, auth
 * key included, across two restarts: the library's tables are not in the application's persistence
 * unit, so {@code create} and {@code create-drop} never drop them (they once did, at every start).
 */
class DdlAutoApplicationTests {

    @TempDir
    static Path directory;

    static Stream<Arguments> settings() {
        return Stream.of("validate", "update", "create", "create-drop")
            .flatMap(ddlAuto -> Stream.of(Arguments.argumentSet(ddlAuto + " on H2", ddlAuto, "h2"),
                    Arguments.argumentSet(ddlAuto + " on PostgreSQL", ddlAuto, "postgres")));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aStoredSessionSurvivesTwoRestarts(String ddlAuto, String database) {
        if (database.equals("postgres")) {
            try (FreshPostgresDatabase postgres = new FreshPostgresDatabase("ddl")) {
                survivesTwoRestarts(FlywayApplicationTests.concat(postgres.properties(), "spring.jpa.hibernate.ddl-auto=" + ddlAuto));
            }
        }
        else {
            String url = "jdbc:h2:file:" + directory.resolve("ddl-" + ddlAuto) + ";WRITE_DELAY=0";
            survivesTwoRestarts(new String[] { "spring.datasource.url=" + url, "spring.jpa.hibernate.ddl-auto=" + ddlAuto });
        }
    }

    private void survivesTwoRestarts(String[] properties) {
        String[] app = FlywayApplicationTests.concat(properties, "mtgo.storage.session-name=ddl-bot");
        byte[] authKey = new byte[256];
        authKey[0] = 1;
        authKey[128] = 2;
        try (ConfigurableApplicationContext context = Apps.start(app)) {
            Storage storage = context.getBean(Storage.class);
            storage.saveSession(Session.builder("ddl-bot").dcId(4).authKey(authKey).build());
            storage.savePeer(Peer.builder(424242424, PeerType.CHANNEL).accessHash(77).username("ddl_channel").build());
            context.getBean(NoteRepository.class).save(new Note(1, "first run"));
        }
        for (int restart = 1; restart <= 2; restart++) {
            try (ConfigurableApplicationContext context = Apps.start(app)) {
                Storage storage = context.getBean(Storage.class);
                assertThat(storage.loadSession("ddl-bot")).as("session after restart %d", restart).map(Session::authKey).contains(authKey);
                assertThat(storage.loadPeerByUsername("DDL_Channel")).map(Peer::accessHash).contains(77L);
                context.getBean(NoteRepository.class).save(new Note(1 + restart, "restart " + restart));
                assertThat(context.getBean(NoteRepository.class).findByText("restart " + restart)).hasSize(1);
            }
        }
    }

}
