package io.mtgo.storage.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application configured no JDBC URL of its own ({@code spring.datasource.url}).
 */
class NoDataSourceConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().containsProperty("spring.datasource.url")
                ? ConditionOutcome.noMatch("spring.datasource.url is set")
                : ConditionOutcome.match("spring.datasource.url is not set");
    }

}
