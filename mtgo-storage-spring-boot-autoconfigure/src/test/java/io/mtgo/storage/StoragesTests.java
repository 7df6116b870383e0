package io.mtgo.storage;

import java.util.List;
import java.util.Optional;

import io.mtgo.storage.spi.StorageAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@link Storages#adapt} explains a connection it cannot use, from what its adapters report:
 * the classpath's real adapters, and adapters standing for a classpath without some libraries.
 */
class StoragesTests {

    @Test
    void anObjectOfNoKindIsUnsupportedListingTheKindsAndTheAvailableAdapters() {
        assertThatIllegalArgumentException().isThrownBy(() -> Storages.adapt("not a connection", "s"))
            .withMessageStartingWith("connection of type java.lang.String is not supported; Storages.adapt accepts javax.sql.DataSource")
            .withMessageContaining("(available on this classpath: javax.sql.DataSource")
            .withMessageContaining("RedisConnectionFactory");
    }

    @Test
    void anObjectOfAKnownKindWhoseLibrariesAreMissingIsExplainedByTheMissingLibraries() {
        StorageAdapter lacksLiquibase = new Adapter("javax.sql.DataSource", false, "a javax.sql.DataSource needs org.liquibase:liquibase-core");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Storages.adapt(new Object(), "s", List.of(new Adapter("other", true, null), lacksLiquibase)))
            .withMessage("connection of type java.lang.Object cannot be used: a javax.sql.DataSource needs org.liquibase:liquibase-core");
    }

    @Test
    void adaptersWhoseLibrariesAreMissingAreNotListedAsAvailable() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Storages.adapt(new Object(), "s", List.of(new Adapter("present kind", true, null),
                    new Adapter("absent kind", false, null))))
            .withMessageEndingWith("(available on this classpath: present kind)");
    }

    /** An adapter standing for a backend whose libraries are or are not on the classpath; it takes nothing. */
    private record Adapter(String description, boolean available, String missing) implements StorageAdapter {

        @Override
        public boolean supports(Object connection) {
            return false;
        }

        @Override
        public Optional<String> missingLibraries(Object connection) {
            return Optional.ofNullable(this.missing);
        }

        @Override
        public Storage adapt(Object connection, String sessionName) {
            throw new UnsupportedOperationException("supports nothing");
        }

    }

}
