package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.AbstractStorage;
import io.mtgo.storage.memory.MemoryStorage;

/**
 * A candidate that stands for a backend type in selection tests; it builds a real in-memory store
 * whose session name records which candidate was picked.
 */
record NamedCandidate(StorageType type, boolean appConfigured) implements StorageBackendCandidate {

    @Override
    public String description() {
        return type() + (appConfigured() ? " (app)" : " (default)");
    }

    @Override
    public AbstractStorage create(String sessionName) {
        return new MemoryStorage(type().name().toLowerCase() + (appConfigured() ? "-app" : "-default"));
    }

}
