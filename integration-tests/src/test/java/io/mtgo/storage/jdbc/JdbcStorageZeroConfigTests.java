package io.mtgo.storage.jdbc;

import java.nio.file.Path;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with only the starter: the storage is JPA on a persistent embedded H2 file at
 * {@code mtgo.storage.jdbc.h2.path}, and what it saved is there after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcStorageZeroConfigTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner app() {
        return new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.ALL)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("bot-db"), "mtgo.storage.session-name=zero");
    }

    @Test
    void usesAPersistentH2FileThatSurvivesARestart() {
        app().run(context -> {
            assertThat(context).hasNotFailed();
            Storage storage = context.getBean(Storage.class);
            assertThat(((AbstractStorage) storage).backendName()).isEqualTo("jdbc");
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
    void anotherBackendWithLiquibaseOnTheClasspathStillStartsWithoutAnAppChangelog() {
        app().withPropertyValues("mtgo.storage.type=memory", "spring.datasource.url=jdbc:h2:mem:other;DB_CLOSE_DELAY=-1")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(((AbstractStorage) context.getBean(Storage.class)).backendName()).isEqualTo("memory");
            });
    }

    @Test
    void anExplicitlyConfiguredMissingAppChangelogStillFails() {
        app().withPropertyValues("spring.liquibase.change-log=classpath:does/not/exist.yaml")
            .run(context -> assertThat(context).hasFailed());
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
            byte[] raw = new org.springframework.jdbc.core.JdbcTemplate(context.getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT auth_key FROM mtgo_sessions WHERE session_name = 'zero'", byte[].class);
            assertThat(raw).hasSize(io.mtgo.storage.AuthKeyCipher.SEALED_LENGTH).isNotEqualTo(authKey);
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
    void theDefaultCanBeSwitchedOff() {
        app().withPropertyValues("mtgo.storage.jdbc.h2.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean("mtgoStorageH2Default"));
    }

    @Test
    void anApplicationDataSourceWinsOverTheDefault() {
        app().withPropertyValues("spring.datasource.url=jdbc:h2:mem:app-owned;DB_CLOSE_DELAY=-1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("mtgoStorageH2Default");
            assertThat(((AbstractStorage) context.getBean(Storage.class)).backendName()).isEqualTo("jdbc");
        });
        assertThat(this.directory.resolve("bot-db.mv.db")).doesNotExist();
    }

}
