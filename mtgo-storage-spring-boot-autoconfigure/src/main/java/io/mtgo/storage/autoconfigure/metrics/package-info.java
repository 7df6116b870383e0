/**
 * Micrometer timers for every storage operation, when the application has a {@code MeterRegistry}.
 */
@NullMarked
package io.mtgo.storage.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
