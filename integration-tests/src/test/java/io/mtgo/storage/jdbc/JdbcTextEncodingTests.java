package io.mtgo.storage.jdbc;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.StorageStartupException;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A database or connection that cannot keep any text is refused when the store opens, not met on
 * some later write: a LATIN1 PostgreSQL database refused Cyrillic and emoji names, a SQL_ASCII one
 * counted bytes against the API's character limits, and a MariaDB/MySQL connection in another
 * character set than utf8mb4 replaced what it could not carry with '?' without an error.
 */
class JdbcTextEncodingTests {

    private static final String NAME = "Привет, мир 🚀";

    @Test
    void aPostgresDatabaseNotInUtf8FailsStartUpNamingItsEncoding() {
        TestServices.Jdbc postgres = TestServices.postgres();
        String database = "mtgo_text_latin1";
        try (HikariDataSource admin = JdbcTestDataSources.pool(postgres.url(), postgres.username(), postgres.password(), 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(admin);
            jdbc.execute("DROP DATABASE IF EXISTS " + database);
            jdbc.execute("CREATE DATABASE " + database + " ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
            try {
                String url = JdbcTestDataSources.otherDatabase(postgres, database);
                JdbcAutoConfigurations.jpaApp()
                    .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=" + postgres.username(),
                            "spring.datasource.password=" + postgres.password())
                    .run(context -> {
                        assertThat(context).hasFailed();
                        StorageStartupException failure = startupFailure(context.getStartupFailure());
                        assertThat(failure.getMessage()).contains("database '" + database + "' stores text as LATIN1")
                            .contains("needs a UTF8 database");
                        assertThat(failure.getAction()).contains("UTF8 (PostgreSQL)");
                    });
            }
            finally {
                jdbc.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    @Test
    void aMariaDbConnectionNotInUtf8mb4IsRefusedBeforeAnyWrite() {
        TestServices.Jdbc mariadb = TestServices.mariadb();
        String url = mariadb.url() + (mariadb.url().contains("?") ? "&" : "?")
                + "sessionVariables=character_set_client=utf8mb3,character_set_connection=utf8mb3,character_set_results=utf8mb3";
        try (HikariDataSource dataSource = JdbcTestDataSources.pool(url, mariadb.username(), mariadb.password(), 1)) {
            assertThatIllegalStateException().isThrownBy(() -> JdbcStorage.builder(dataSource).sessionName("text-mb3").build())
                .withMessageContaining("character_set_client=utf8mb3")
                .withMessageContaining("mtgo-storage needs utf8mb4");
        }
    }

    @Test
    void utf8DatabasesKeepEveryScriptAndEmoji() {
        for (HikariDataSource dataSource : List.of(JdbcTestDataSources.postgres(), JdbcTestDataSources.mariadb())) {
            try (dataSource; Storage storage = JdbcStorage.builder(dataSource).sessionName("text-utf8").build()) {
                storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).firstName(NAME).build());
                assertThat(storage.loadPeer(PeerType.USER, 1)).map(Peer::firstName).contains(NAME);
                storage.deleteSession("text-utf8");
            }
        }
    }

    private static StorageStartupException startupFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageStartupException startup) {
                return startup;
            }
        }
        throw new AssertionError("no StorageStartupException in " + failure, failure);
    }

}
