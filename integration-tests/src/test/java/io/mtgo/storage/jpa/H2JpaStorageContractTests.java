package io.mtgo.storage.jpa;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite on the JPA backend over H2.
 */
class H2JpaStorageContractTests extends AbstractJpaStorageContractTests {

    @TempDir
    static Path directory;

    @Override
    protected DataSource openDataSource() {
        return JpaTestDataSources.h2(directory);
    }

}
