package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing everything and reopening the same H2 or SQLite file keeps every session, peer, metadata
 * value, update state and conversation.
 */
class JdbcStorageRestartTests {

    @TempDir
    Path directory;

    @Test
    void h2FileKeepsEverythingAcrossARestart() {
        keepsEverythingAcrossARestart(dir -> JdbcTestDataSources.h2(dir));
    }

    @Test
    void sqliteFileKeepsEverythingAcrossARestart() {
        keepsEverythingAcrossARestart(dir -> JdbcTestDataSources.sqlite(dir.resolve("restart.sqlite")));
    }

    private void keepsEverythingAcrossARestart(Function<Path, HikariDataSource> open) {
        byte[] authKey = new byte[256];
        authKey[7] = 42;
        Session session = Session.builder("restart").dcId(4).serverAddress("149.154.167.91").port(443).authKey(authKey).build();
        Peer peer = Peer.builder(99, PeerType.CHANNEL).accessHash(123).username("Restart_Channel").firstName("News").build();
        Conversation conversation = Conversation.builder(5, 6).name("signup").step("ask_city").data(Map.of("name", "Ann"))
            .createdAt(10).updatedAt(20).build();

        HikariDataSource first = open.apply(this.directory);
        try (Storage storage = Storages.adapt(first, "restart")) {
            storage.saveSession(session);
            storage.savePeer(peer);
            storage.setUserId(777);
            storage.setIsBot(true);
            storage.setFirstName("Restart Bot");
            storage.setUsername("restart_bot");
            storage.setUpdateState(2, new byte[] { 1, 2, 3 });
            ((ConversationStore) storage).saveConversation(conversation);
        }
        first.close();

        HikariDataSource second = open.apply(this.directory);
        try (Storage storage = Storages.adapt(second, "restart")) {
            assertThat(storage.loadSession("restart")).contains(session);
            assertThat(storage.loadPeer(PeerType.CHANNEL, 99)).map(Peer::accessHash).contains(123L);
            assertThat(storage.loadPeerByUsername("restart_channel")).map(Peer::id).contains(99L);
            assertThat(storage.getUserId()).hasValue(777);
            assertThat(storage.getIsBot()).contains(true);
            assertThat(storage.getFirstName()).contains("Restart Bot");
            assertThat(storage.getUsername()).contains("restart_bot");
            assertThat(storage.getUpdateState(2)).hasValueSatisfying(state -> assertThat(state).containsExactly(1, 2, 3));
            assertThat(((ConversationStore) storage).loadConversation(5, 6)).contains(conversation);
        }
        second.close();
    }

}
