package io.mtgo.storage.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The documented precedence of {@link StorageSelector}.
 */
class StorageSelectorTests {

    private static final NamedCandidate JPA_APP = new NamedCandidate(StorageType.JDBC, true);

    private static final NamedCandidate JPA_H2_DEFAULT = new NamedCandidate(StorageType.JDBC, false);

    private static final NamedCandidate MONGO = new NamedCandidate(StorageType.MONGODB, true);

    private static final NamedCandidate REDIS = new NamedCandidate(StorageType.REDIS, true);

    @Test
    void autoPrefersTheApplicationsDataSourceThenMongoThenRedis() {
        assertThat(pick(StorageType.AUTO, REDIS, MONGO, JPA_APP)).isEqualTo("jpa-app");
        assertThat(pick(StorageType.AUTO, REDIS, MONGO)).isEqualTo("mongodb-app");
        assertThat(pick(StorageType.AUTO, REDIS)).isEqualTo("redis-app");
    }

    @Test
    void autoUsesTheEmbeddedH2DefaultOnlyWhenTheAppHasNothingElse() {
        assertThat(pick(StorageType.AUTO, JPA_H2_DEFAULT, REDIS)).isEqualTo("redis-app");
        assertThat(pick(StorageType.AUTO, JPA_H2_DEFAULT, MONGO)).isEqualTo("mongodb-app");
        assertThat(pick(StorageType.AUTO, JPA_H2_DEFAULT)).isEqualTo("jpa-default");
    }

    @Test
    void autoFallsBackToMemoryWhenNothingIsThere() {
        assertThat(StorageSelector.select(StorageType.AUTO, "s", List.of()).backendName()).isEqualTo("memory");
    }

    @Test
    void explicitTypeWinsOverPrecedence() {
        assertThat(pick(StorageType.REDIS, JPA_APP, MONGO, REDIS)).isEqualTo("redis-app");
        assertThat(pick(StorageType.JDBC, JPA_H2_DEFAULT, REDIS)).isEqualTo("jpa-default");
        assertThat(pick(StorageType.MONGODB, JPA_APP, MONGO)).isEqualTo("mongodb-app");
    }

    @Test
    void explicitTypeWithoutItsInfrastructureFails() {
        assertThatExceptionOfType(MissingStorageInfrastructureException.class)
            .isThrownBy(() -> StorageSelector.select(StorageType.MONGODB, "s", List.of(JPA_APP, REDIS)))
            .withMessageContaining("MongoTemplate");
    }

    private static String pick(StorageType type, StorageBackendCandidate... candidates) {
        return StorageSelector.select(type, "s", List.of(candidates)).sessionName();
    }

}
