package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies the library's changelog to a DataSource when the application context starts. Spring
 * Boot learns about it through a {@code DatabaseInitializerDetector}, so it runs after the
 * application's own Flyway or Liquibase migrations, and beans that use the database wait for it.
 * It is deliberately not a {@code SpringLiquibase}: a bean of that type would make Spring Boot's own
 * Liquibase auto-configuration back off.
 */
public class JdbcSchemaInitializer implements InitializingBean {

    private final DataSource dataSource;

    private final String changeLog;

    private final @Nullable String schema;

    private final boolean enabled;

    /**
     * Creates the initializer.
     * @param dataSource the database
     * @param changeLog the changelog location
     * @param schema the schema of the tables, or {@code null} for the connection's default
     * @param enabled whether to apply the changelog at all
     */
    public JdbcSchemaInitializer(DataSource dataSource, String changeLog, @Nullable String schema, boolean enabled) {
        this.dataSource = dataSource;
        this.changeLog = changeLog;
        this.schema = schema;
        this.enabled = enabled;
    }

    @Override
    public void afterPropertiesSet() {
        if (this.enabled) {
            JdbcSchema.apply(this.dataSource, this.changeLog, this.schema);
        }
    }

    /**
     * Whether the changelog is applied.
     * @return whether this initializer runs the changelog
     */
    public boolean isEnabled() {
        return this.enabled;
    }

}
