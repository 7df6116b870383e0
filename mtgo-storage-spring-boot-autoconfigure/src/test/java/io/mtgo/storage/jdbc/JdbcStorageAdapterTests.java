package io.mtgo.storage.jdbc;

import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JDBC adapter says when a library it needs is not on the classpath: a {@code DataSource}
 * is the JDK's, so it is always of the adapter's kind, and the caller must learn which dependency
 * to add rather than that a DataSource is "not supported".
 */
class JdbcStorageAdapterTests {

    private static final String SPRING_JDBC = "org.springframework.jdbc.core.JdbcTemplate";

    private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

    private final DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:never-opened");

    @Test
    void withEveryLibraryADataSourceIsSupportedAndNothingIsMissing() {
        JdbcStorageAdapter adapter = new JdbcStorageAdapter();
        assertThat(adapter.available()).isTrue();
        assertThat(adapter.supports(this.dataSource)).isTrue();
        assertThat(adapter.missingLibraries(this.dataSource)).isEmpty();
    }

    @Test
    void withoutLiquibaseADataSourceIsRefusedNamingLiquibaseOnly() {
        JdbcStorageAdapter adapter = new JdbcStorageAdapter(without(LIQUIBASE));
        assertThat(adapter.available()).isFalse();
        assertThat(adapter.supports(this.dataSource)).isFalse();
        assertThat(adapter.missingLibraries(this.dataSource)).hasValue(
                "a javax.sql.DataSource needs org.liquibase:liquibase-core on the classpath; add it as a dependency");
    }

    @Test
    void withoutSpringJdbcAndLiquibaseBothAreNamed() {
        JdbcStorageAdapter adapter = new JdbcStorageAdapter(without(SPRING_JDBC, LIQUIBASE));
        assertThat(adapter.missingLibraries(this.dataSource)).hasValueSatisfying(message -> assertThat(message)
            .contains("org.springframework:spring-jdbc and org.liquibase:liquibase-core"));
    }

    @Test
    void whatIsNoDataSourceIsNotTheAdaptersToExplain() {
        JdbcStorageAdapter adapter = new JdbcStorageAdapter(without(SPRING_JDBC, LIQUIBASE));
        assertThat(adapter.missingLibraries("jdbc:h2:mem:x")).isEmpty();
    }

    private static Predicate<String> without(String... classNames) {
        Set<String> absent = Set.of(classNames);
        return className -> !absent.contains(className);
    }

}
