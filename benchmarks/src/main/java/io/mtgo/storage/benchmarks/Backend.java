package io.mtgo.storage.benchmarks;

import io.mtgo.storage.Storage;
import io.mtgo.storage.memory.MemoryStorage;

/**
 * One backend under benchmark: our storage and its raw-driver baseline over the same service,
 * built from the {@code backend} JMH parameter.
 */
record Backend(Storage storage, RawBaseline baseline, AutoCloseable resources) implements AutoCloseable {

    static final String SESSION = "bench";

    static Backend open(String name) {
        return switch (name) {
            case "memory" -> new Backend(new MemoryStorage(SESSION), new MemoryBaseline(), () -> {
            });
            default -> throw new IllegalArgumentException("Unknown backend '" + name + "'");
        };
    }

    @Override
    public void close() throws Exception {
        try {
            this.storage.deleteSession(SESSION);
            this.storage.close();
            this.baseline.close();
        }
        finally {
            this.resources.close();
        }
    }

}
