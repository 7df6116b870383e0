package io.mtgo.storage.mongodb;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.Storages;
import io.mtgo.storage.autoconfigure.MongoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.test.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB backend chosen and configured through Spring Boot, and built with
 * {@link Storages#adapt}.
 */
class MongoStorageAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, DataMongoAutoConfiguration.class,
                MongoStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class))
        .withPropertyValues("spring.mongodb.uri=" + TestServices.mongodb().uri() + "/mtgo_autoconfig");

    @Test
    void autoPicksTheApplicationsMongoTemplate() {
        this.runner.withPropertyValues("mtgo.storage.session-name=mongo-auto").run(context -> {
            Storage storage = context.getBean(Storage.class);
            assertThat(storage).isInstanceOf(MongoStorage.class);
            storage.savePeer(Peer.builder(5, PeerType.USER).username("mongo_auto").build());
            assertThat(storage.loadPeerByUsername("MONGO_AUTO")).isPresent();
            storage.deleteSession("mongo-auto");
        });
    }

    @Test
    void honoursTheCollectionNames() {
        this.runner.withPropertyValues("mtgo.storage.type=mongodb", "mtgo.storage.mongodb.peers-collection=bot_peers",
                "mtgo.storage.mongodb.sessions-collection=bot_sessions", "mtgo.storage.session-name=mongo-names")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                storage.savePeer(Peer.builder(6, PeerType.USER).build());
                MongoTemplate template = context.getBean(MongoTemplate.class);
                assertThat(template.getCollection("bot_peers").countDocuments()).isPositive();
                assertThat(template.collectionExists("mtgo_peers")).isFalse();
                storage.deleteSession("mongo-names");
            });
    }

    @Test
    void aCollectionNameTheStoreRefusesFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("mtgo.storage.mongodb.kv-collection=").run(context -> assertThat(context.getStartupFailure())
            .hasStackTraceContaining("StorageStartupException: mtgo.storage.mongodb.kv-collection must not be empty."));
        this.runner.withPropertyValues("mtgo.storage.mongodb.peers-collection=mtgo_sessions").run(context -> assertThat(context.getStartupFailure())
            .hasStackTraceContaining("StorageStartupException: mtgo.storage.mongodb.peers-collection must differ from the sessions "
                    + "collection ('mtgo_sessions')."));
    }

    @Test
    void anUnreachableServerFailsStartUpNamingTheDatabase() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, DataMongoAutoConfiguration.class,
                    MongoStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class))
            .withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:1/unreachable?serverSelectionTimeoutMS=300")
            .run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("StorageStartupException: mtgo-storage could not create its indexes in MongoTemplate "
                        + "database 'unreachable': Timed out"));
    }

    @Test
    void backsOffWithoutSpringDataMongo() {
        this.runner.withClassLoader(new FilteredClassLoader(MongoTemplate.class))
            .run(context -> assertThat(context).doesNotHaveBean("mongoStorageCandidate"));
    }

    @Test
    void storagesAdaptAcceptsATemplateAndADatabaseFactory() {
        MongoTemplate template = MongoTestSupport.template();
        try (Storage fromTemplate = Storages.adapt(template, "adapt-template")) {
            assertThat(fromTemplate).isInstanceOf(MongoStorage.class);
            fromTemplate.setUserId(1);
            assertThat(fromTemplate.getUserId()).hasValue(1);
            fromTemplate.deleteSession("adapt-template");
        }
        try (Storage fromFactory = Storages.adapt(new SimpleMongoClientDatabaseFactory(MongoTestSupport.client(), "mtgo_test"),
                "adapt-factory")) {
            assertThat(fromFactory).isInstanceOf(MongoStorage.class);
            fromFactory.setUserId(2);
            assertThat(fromFactory.getUserId()).hasValue(2);
            fromFactory.deleteSession("adapt-factory");
        }
    }

}
