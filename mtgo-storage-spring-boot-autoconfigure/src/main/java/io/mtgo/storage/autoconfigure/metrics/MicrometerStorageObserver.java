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
 * with {@code backend}, {@code operation} and {@code outcome} ({@code success} or {@code error}).
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
        Timer timer = this.timers.computeIfAbsent(backend + '/' + operation + '/' + outcome,
                key -> Timer.builder(METER_NAME)
                    .description("Storage operations that reached the backend")
                    .tag("backend", backend)
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(this.registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

}
