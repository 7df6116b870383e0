package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls made inside the application's own transaction join it: reads see its writes (never a stale
 * copy from a persistence context), and its rollback undoes the storage's writes too.
 */
class JdbcStorageInApplicationTransactionTests {

    @TempDir
    Path directory;

    @Test
    void readsInsideAnApplicationTransactionSeeTheLatestWrite() {
        JdbcAutoConfigurations.jpaApp()
            .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("tx") + H2Durability.URL_SETTINGS, "mtgo.storage.session-name=tx")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                transaction.executeWithoutResult(status -> {
                    storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).username("first_name").build());
                    assertThat(storage.loadPeer(1)).map(Peer::accessHash).contains(1L);
                    assertThat(storage.loadPeerByUsername("first_name")).isPresent();
                    storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(2).username("second_name").build());
                    assertThat(storage.loadPeer(1)).map(Peer::accessHash).contains(2L);
                    assertThat(storage.loadPeerByUsername("second_name")).map(Peer::accessHash).contains(2L);
                    storage.setUserId(5);
                    assertThat(storage.getUserId()).hasValue(5);
                    storage.setUserId(6);
                    assertThat(storage.getUserId()).hasValue(6);
                });
                assertThat(storage.loadPeer(1)).map(Peer::accessHash).contains(2L);
            });
    }

    @Test
    void writesInsideAnApplicationTransactionRollBackWithIt() {
        JdbcAutoConfigurations.jpaApp()
            .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("rollback") + H2Durability.URL_SETTINGS, "mtgo.storage.session-name=tx")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).username("kept_name").build());
                TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                transaction.executeWithoutResult(status -> {
                    storage.savePeers(List.of(Peer.builder(1, PeerType.USER).accessHash(2).username("rolled_back").build(),
                            Peer.builder(2, PeerType.USER).accessHash(3).username("kept_name").build()));
                    storage.setUserId(7);
                    assertThat(storage.loadPeerByUsername("kept_name")).map(Peer::id).contains(2L);
                    status.setRollbackOnly();
                });
                assertThat(storage.loadPeer(1)).map(Peer::accessHash).contains(1L);
                assertThat(storage.loadPeerByUsername("kept_name")).map(Peer::id).contains(1L);
                assertThat(storage.loadPeer(2)).isEmpty();
                assertThat(storage.getUserId()).isEmpty();
            });
    }

}
