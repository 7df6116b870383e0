package io.mtgo.storage.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Backs {@link ConditionalOnStorageType}.
 */
class OnStorageTypeCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnStorageType.class.getName());
        StorageType wanted = (attributes != null) ? (StorageType) attributes.get("value") : null;
        if (wanted == null) {
            return ConditionOutcome.noMatch("no @ConditionalOnStorageType value");
        }
        String configured = context.getEnvironment().getProperty("mtgo.storage.type", "auto").trim().toUpperCase(Locale.ROOT);
        if (configured.equals("JPA")) {
            configured = StorageType.JDBC.name();
        }
        boolean matches = configured.equals(StorageType.AUTO.name()) || configured.equals(wanted.name());
        return new ConditionOutcome(matches, "mtgo.storage.type is " + configured.toLowerCase(Locale.ROOT));
    }

}
