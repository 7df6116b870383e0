package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.AbstractStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with only the starter: the storage is JDBC on a persistent embedded H2 file at
 * {@code mtgo.storage.jdbc.h2.path}, in a pool of its own (no DataSource bean, no Hibernate, no
 * Boot Liquibase), and what it saved is there after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcStorageZeroConfigTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner app() {
        return new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("bot-db"), "mtgo.storage.session-name=zero");
    }

    @Test
    void usesAPersistentH2FileThatSurvivesARestart() {
        app().run(context -> {
            assertThat(context).hasNotFailed();
            Storage storage = context.getBean(Storage.class);
            assertThat(((AbstractStorage) storage).backendName()).isEqualTo("jdbc");
            assertThat(context).doesNotHaveBean(javax.sql.DataSource.class).doesNotHaveBean("liquibase")
                .doesNotHaveBean("entityManagerFactory").doesNotHaveBean("transactionManager");
            storage.saveSession(Session.builder("zero").dcId(2).authKey(new byte[256]).build());
            storage.savePeer(Peer.builder(7, PeerType.USER).accessHash(70).username("zero_config").build());
        });
        assertThat(this.directory.resolve("bot-db.mv.db")).exists();
        app().run(context -> {
            Storage storage = context.getBean(Storage.class);
            assertThat(storage.loadSession("zero")).isPresent();
            assertThat(storage.loadPeerByUsername("Zero_Config")).map(Peer::accessHash).contains(70L);
        });
    }

    @Test
    void theSchemaIsAppliedToTheStartersH2FileUnderInitializeSchemaEmbedded() {
        app().withPropertyValues("mtgo.storage.jdbc.initialize-schema=embedded").run(context -> {
            assertThat(context).hasNotFailed();
            Storage storage = context.getBean(Storage.class);
            storage.saveSession(Session.builder("zero").build());
            assertThat(storage.loadSession("zero")).isPresent();
        });
    }

    @Test
    void warnsOnceThatAuthKeysAreStoredInPlainForm(CapturedOutput output) {
        app().run(context -> assertThat(context).hasNotFailed());
        assertThat(output).containsOnlyOnce("stores auth keys in plain form");
    }

    @Test
    void encryptsAuthKeysWhenAKeyIsConfigured(CapturedOutput output) {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        app().withPropertyValues("mtgo.storage.encryption.key=" + key).run(context -> {
            Storage storage = context.getBean(Storage.class);
            byte[] authKey = new byte[256];
            java.util.Arrays.fill(authKey, (byte) 7);
            storage.saveSession(Session.builder("zero").authKey(authKey).build());
            byte[] raw = new org.springframework.jdbc.core.JdbcTemplate(h2File())
                .queryForObject("SELECT auth_key FROM mtgo_sessions WHERE session_name = 'zero'", byte[].class);
            assertThat(raw).hasSize(io.mtgo.storage.spi.AuthKeyCipher.SEALED_LENGTH).isNotEqualTo(authKey);
            assertThat(storage.loadSession("zero").orElseThrow().authKey()).isEqualTo(authKey);
        });
        assertThat(output).doesNotContain("plain form").doesNotContain(java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    @Test
    void anInvalidEncryptionKeyFailsStartUpNamingTheProperty() {
        app().withPropertyValues("mtgo.storage.encryption.key=not-a-key")
            .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("mtgo.storage.encryption.key[0]"));
    }

    @Test
    void withTheDefaultSwitchedOffAndNothingElseTheSessionIsKeptInMemoryWithAWarning(CapturedOutput output) {
        app().withPropertyValues("mtgo.storage.jdbc.h2.enabled=false").run(context -> {
            assertThat(((AbstractStorage) context.getBean(Storage.class)).backendName()).isEqualTo("memory");
            assertThat(context).doesNotHaveBean(JdbcSchemaInitializer.class);
        });
        assertThat(output).contains("will not survive a restart");
        assertThat(this.directory.resolve("bot-db.mv.db")).doesNotExist();
    }

    @Test
    void withTheDefaultSwitchedOffBootsGeneratedInMemoryDatabaseIsUsedWithAWarning(CapturedOutput output) {
        JdbcAutoConfigurations.jpaApp()
            .withPropertyValues("mtgo.storage.jdbc.h2.enabled=false", "mtgo.storage.session-name=zero",
                    "spring.liquibase.enabled=false")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(((AbstractStorage) context.getBean(Storage.class)).backendName()).isEqualTo("jdbc");
            });
        assertThat(output).contains("an in-memory database Spring Boot generated").contains("will not survive a restart");
    }

    @Test
    void anApplicationDataSourceWinsOverTheDefault() {
        JdbcAutoConfigurations.jpaApp()
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("bot-db"), "spring.liquibase.enabled=false",
                    "spring.datasource.url=jdbc:h2:mem:app-owned;DB_CLOSE_DELAY=-1")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(((AbstractStorage) context.getBean(Storage.class)).backendName()).isEqualTo("jdbc");
                Integer tables = new org.springframework.jdbc.core.JdbcTemplate(context.getBean(javax.sql.DataSource.class))
                    .queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'MTGO_SESSIONS'", Integer.class);
                assertThat(tables).isOne();
            });
        assertThat(this.directory.resolve("bot-db.mv.db")).doesNotExist();
    }

    private javax.sql.DataSource h2File() {
        return new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(),
                H2Durability.fileUrl(this.directory.resolve("bot-db")), "sa", "");
    }

}
