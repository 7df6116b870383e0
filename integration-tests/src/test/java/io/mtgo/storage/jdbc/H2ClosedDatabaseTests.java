package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.autoconfigure.MtgoStorageH2File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's H2 file comes back by itself after H2 closed the database (what it does when a write
 * to a full disk fails; here {@code SHUTDOWN}): the pool drops the connections of the closed
 * database instead of handing them out until the application restarts.
 */
class H2ClosedDatabaseTests {

    @TempDir
    Path directory;

    @Test
    void theStorageOpensTheFileAgainAfterH2ClosedTheDatabase() throws Exception {
        new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("bot"), "mtgo.storage.session-name=closed")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(7).build());
                // Every connection of the pool in use once, so that all of them belong to the database that closes.
                for (int i = 0; i < 20; i++) {
                    storage.loadPeer(PeerType.USER, 1);
                }
                Connection connection = context.getBean(MtgoStorageH2File.class).dataSource().getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
                assertThatExceptionOfType(SQLException.class).as("the pool's connection to the closed database")
                    .isThrownBy(connection::close);
                int failures = 0;
                boolean back = false;
                for (int call = 0; call < 10 && !back; call++) {
                    try {
                        storage.savePeer(Peer.builder(2, PeerType.USER).accessHash(8).build());
                        back = true;
                    }
                    catch (StorageException ex) {
                        failures++;
                    }
                }
                assertThat(back).as("writes again, after " + failures + " failed calls").isTrue();
                assertThat(failures).as("at most one failed call per pooled connection").isLessThanOrEqualTo(4);
                assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::accessHash).contains(7L);
                assertThat(storage.loadPeer(PeerType.USER, 2)).map(Peer::accessHash).contains(8L);
            });
    }

}
