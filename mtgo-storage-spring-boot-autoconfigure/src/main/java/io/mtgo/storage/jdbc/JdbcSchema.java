package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The library's Liquibase changelog: the one owner of the JPA backend's schema.
 */
public final class JdbcSchema {

    /** Where the changelog lives on the classpath. */
    public static final String CHANGELOG = "classpath:/io/mtgo/storage/jpa/db/changelog/mtgo-storage-changelog.yaml";

    private JdbcSchema() {
    }

    /**
     * Returns a {@link SpringLiquibase} that applies the changelog to a DataSource (Liquibase skips
     * what is already applied).
     * @param dataSource the database
     * @param changeLog the changelog location
     * @return the configured, not yet run, Liquibase
     */
    public static SpringLiquibase liquibase(DataSource dataSource, String changeLog) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changeLog);
        liquibase.setResourceLoader(new DefaultResourceLoader(JdbcSchema.class.getClassLoader()));
        return liquibase;
    }

    /**
     * Applies the changelog to a DataSource now.
     * @param dataSource the database
     */
    public static void apply(DataSource dataSource) {
        try {
            liquibase(dataSource, CHANGELOG).afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not apply the mtgo-storage schema", ex);
        }
    }

}
