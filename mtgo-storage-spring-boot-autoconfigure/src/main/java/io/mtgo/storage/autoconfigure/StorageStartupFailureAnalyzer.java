package io.mtgo.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StorageStartupException}: what failed, in terms of properties and databases,
 * and what to change.
 */
class StorageStartupFailureAnalyzer extends AbstractFailureAnalyzer<StorageStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
