package io.mtgo.storage.autoconfigure;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that keeps the starter from breaking
 * applications without a Liquibase changelog, whichever backend they use (see
 * {@link AbsentApplicationChangelogPostProcessor}).
 */
@AutoConfiguration
@ConditionalOnClass(SpringLiquibase.class)
public final class AbsentApplicationChangelogAutoConfiguration {

    @Bean
    static AbsentApplicationChangelogPostProcessor mtgoStorageAbsentApplicationChangelogPostProcessor(Environment environment) {
        return new AbsentApplicationChangelogPostProcessor(environment);
    }

}
