package io.mtgo.storage.faults;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.mtgo.storage.Storage;

/**
 * One write of the fault load, with what it should leave behind: each {@link Effect} names a
 * readable key (a peer, a username lookup, a DC's update state, ...), the fingerprint the key must
 * read as once the write is acknowledged, and how to read that fingerprint back.
 * @param kind the kind of write, such as {@code savePeers}
 * @param action the write itself
 * @param effects what the write leaves behind
 */
record Write(String kind, Consumer<Storage> action, List<Effect> effects) {

    /** Read back when nothing is stored under a key. */
    static final String ABSENT = "<absent>";

    /**
     * A key a write sets.
     * @param key a name of the key, such as {@code peer:12}
     * @param fingerprint how the key reads after the write; never an auth key or anything secret
     * @param reader reads the key's current fingerprint, {@link #ABSENT} when there is nothing
     */
    record Effect(String key, String fingerprint, Function<Storage, String> reader) {

    }

}
