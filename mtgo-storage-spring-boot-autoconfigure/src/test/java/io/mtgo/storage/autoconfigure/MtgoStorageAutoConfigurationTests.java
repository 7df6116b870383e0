package io.mtgo.storage.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.memory.MemoryStorage;
import io.mtgo.storage.spi.AbstractStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Selection, back-off and properties of {@link MtgoStorageAutoConfiguration}, without any
 * backend infrastructure. Backend-specific selection is tested with each backend.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtgoStorageAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MtgoStorageAutoConfiguration.class));

    @Test
    void usesMemoryWithOneWarningWhenNoInfrastructureExists(CapturedOutput output) {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(Storage.class);
            assertThat(context.getBean(Storage.class)).isInstanceOf(MemoryStorage.class);
            assertThat(output).containsOnlyOnce("will not survive a restart");
        });
    }

    @Test
    void storageBeanIsAlsoTheConversationStore() {
        this.runner.run(context -> assertThat(context.getBean(ConversationStore.class)).isSameAs(context.getBean(Storage.class)));
    }

    @Test
    void bindsTheSessionName() {
        this.runner.withPropertyValues("mtgo.storage.session-name=my-bot")
            .run(context -> assertThat(context.getBean(Storage.class).sessionName()).isEqualTo("my-bot"));
    }

    @Test
    void invalidSessionNameFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("mtgo.storage.session-name= ").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new StorageStartupFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("mtgo.storage.session-name must not be blank");
            assertThat(analysis.getAction()).contains("Set mtgo.storage.session-name");
        });
    }

    @Test
    void backsOffWhenUserDefinesStorage() {
        this.runner.withUserConfiguration(UserStorageConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(Storage.class);
            assertThat(context.getBean(Storage.class).sessionName()).isEqualTo("user-defined");
        });
    }

    @Test
    void savePeersFalseMakesPeerWritesNoOpsAndReadsEmpty() {
        this.runner.withPropertyValues("mtgo.storage.save-peers=false").run(context -> {
            Storage storage = context.getBean(Storage.class);
            storage.savePeer(Peer.builder(1, PeerType.USER).username("someone").build());
            storage.savePeers(List.of(Peer.builder(2, PeerType.USER).build()));
            assertThat(storage.loadPeer(1)).isEmpty();
            assertThat(storage.loadPeerByUsername("someone")).isEmpty();
            assertThat(storage.forSession("other").loadPeer(2)).isEmpty();
            storage.setUserId(5);
            assertThat(storage.getUserId()).hasValue(5);
        });
    }

    @Test
    void explicitBackendWithoutInfrastructureFailsWithAnActionableMessage() {
        Map<StorageType, String> values = Map.of(StorageType.JDBC, "jdbc", StorageType.MONGODB, "mongodb", StorageType.REDIS, "redis");
        values.forEach((type, value) -> {
            this.runner.withPropertyValues("mtgo.storage.type=" + value).run(context -> {
                assertThat(context).hasFailed();
                MissingStorageInfrastructureException cause = findCause(context.getStartupFailure());
                assertThat(cause.getType()).isEqualTo(type);
                FailureAnalysis analysis = new MissingStorageInfrastructureFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("mtgo.storage.type=" + value);
                assertThat(analysis.getAction()).contains(switch (type) {
                    case JDBC -> "spring-boot-starter-jdbc";
                    case MONGODB -> "spring.mongodb.uri";
                    default -> "spring-boot-starter-data-redis";
                });
            });
        });
    }

    @Test
    void failureNamesTheTypeAsItIsWrittenWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            MissingStorageInfrastructureException failure = new MissingStorageInfrastructureException(StorageType.REDIS);
            FailureAnalysis analysis = new MissingStorageInfrastructureFailureAnalyzer().analyze(failure);
            assertThat(failure.getMessage()).contains("mtgo.storage.type=redis ");
            assertThat(analysis.getDescription()).contains("mtgo.storage.type=redis,");
        }
        finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void failureAnalyzerIsRegistered() {
        assertThat(org.springframework.core.io.support.SpringFactoriesLoader
            .loadFactoryNames(org.springframework.boot.diagnostics.FailureAnalyzer.class, getClass().getClassLoader()))
            .contains(MissingStorageInfrastructureFailureAnalyzer.class.getName(), StorageStartupFailureAnalyzer.class.getName());
    }

    @Test
    void explicitMemoryIsUsedWithAWarning(CapturedOutput output) {
        this.runner.withPropertyValues("mtgo.storage.type=memory")
            .run(context -> assertThat(context.getBean(AbstractStorage.class).backendName()).isEqualTo("memory"));
        assertThat(output).contains("mtgo.storage.type=memory").contains("will not survive a restart");
    }

    @Test
    void typeJpaIsAcceptedAsTheFormerNameOfJdbc() {
        this.runner.withPropertyValues("mtgo.storage.type=jpa").run(context -> {
            MissingStorageInfrastructureException cause = findCause(context.getStartupFailure());
            assertThat(cause.getType()).isEqualTo(StorageType.JDBC);
        });
    }

    private static MissingStorageInfrastructureException findCause(Throwable failure) {
        Throwable current = failure;
        while (current != null && !(current instanceof MissingStorageInfrastructureException)) {
            current = current.getCause();
        }
        assertThat(current).isNotNull();
        return (MissingStorageInfrastructureException) current;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStorageConfiguration {

        @Bean
        Storage userStorage() {
            return MemoryStorage.builder().sessionName("user-defined").build();
        }

    }

}
