package io.mtgo.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link StorageStartupException}: what failed, in terms of properties and databases,
 * and what to change. Ahead of Spring Boot's own analyzers: the exception is the library's reading
 * of its cause, which Boot would otherwise explain in terms of the auto-configuration's beans (a
 * missing bean "required by parameter 0 of method mtgoStorage").
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageStartupFailureAnalyzer extends AbstractFailureAnalyzer<StorageStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
