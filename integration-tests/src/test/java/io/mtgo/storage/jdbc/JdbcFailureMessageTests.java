package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A failed statement's message names the statement (without its values), as Spring's own
 * {@code JdbcTemplate} calls do: "bad SQL grammar []" sent an operator looking for nothing.
 */
class JdbcFailureMessageTests {

    @TempDir
    Path directory;

    @Test
    void aFailedStatementIsNamedInTheMessage() {
        try (HikariDataSource dataSource = JdbcTestDataSources.h2(this.directory); Storage storage = Storages.adapt(dataSource, "messages")) {
            new JdbcTemplate(dataSource).execute("ALTER TABLE mtgo_peers RENAME TO mtgo_peers_moved");
            assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage.loadPeer(PeerType.USER, 42))
                .withMessageContaining("loadPeer failed for session 'messages'")
                .withMessageMatching("(?s).*\\[SELECT [^\\]]*mtgo_peers[^\\]]*\\].*");
        }
    }

}
