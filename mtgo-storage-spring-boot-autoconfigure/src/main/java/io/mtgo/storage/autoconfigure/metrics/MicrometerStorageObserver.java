package io.mtgo.storage.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mtgo.storage.spi.StorageObserver;
import org.jspecify.annotations.Nullable;

/**
 * Records every storage operation as the Micrometer timer {@code mtgo.storage.operations}, tagged
 * with {@code backend}, {@code operation}, {@code outcome} ({@code success} or {@code error}) and
 * {@code exception}: the type of what the backend failed with ({@code none} on success), as
 * Spring's own timers tag it, so a dashboard tells a full pool from a timeout or a lost server.
 * Tags never carry a session name, username or any value.
 */
final class MicrometerStorageObserver implements StorageObserver {

    static final String METER_NAME = "mtgo.storage.operations";

    private final MeterRegistry registry;

    /** Timers are looked up once per tag combination, not built on every call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MicrometerStorageObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onOperation(String backend, String operation, long nanos, @Nullable Throwable failure) {
        String outcome = (failure != null) ? "error" : "success";
        String exception = exceptionTag(failure);
        Timer timer = this.timers.computeIfAbsent(backend + '/' + operation + '/' + outcome + '/' + exception,
                key -> Timer.builder(METER_NAME)
                    .description("Storage operations that reached the backend")
                    .tag("backend", backend)
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .tag("exception", exception)
                    .register(this.registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The failure's cause, since a storage reports every failure as a {@code StorageException}
     * around what the backend threw; the type's simple name, a bounded set, never its message.
     */
    static String exceptionTag(@Nullable Throwable failure) {
        if (failure == null) {
            return "none";
        }
        Throwable reported = (failure.getCause() != null) ? failure.getCause() : failure;
        String simpleName = reported.getClass().getSimpleName();
        return simpleName.isEmpty() ? reported.getClass().getName() : simpleName;
    }

}
