package io.mtgo.storage.faults;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.mtgo.storage.Storage;
import org.assertj.core.api.SoftAssertions;

/**
 * What the load was told succeeded: for every key, the fingerprint of its last acknowledged write.
 * The one write that failed when the server died is "in doubt": its commit may or may not have
 * reached the disk before the kill, so for its keys either value is right. Anything else after the
 * restart (an acknowledged write lost or rolled back) is a durability failure.
 */
final class AcknowledgedWrites {

    private final Map<String, Write.Effect> acknowledged = new LinkedHashMap<>();

    private final Set<String> kinds = new LinkedHashSet<>();

    private Write inDoubt;

    private int count;

    synchronized void acknowledge(Write write) {
        write.effects().forEach(effect -> this.acknowledged.put(effect.key(), effect));
        this.kinds.add(write.kind());
        this.count++;
    }

    synchronized void markInDoubt(Write write) {
        this.inDoubt = write;
    }

    synchronized int count() {
        return this.count;
    }

    synchronized Set<String> kinds() {
        return new LinkedHashSet<>(this.kinds);
    }

    /** Reads every key back and records, softly, each one that does not hold an allowed value. */
    synchronized void verify(Storage storage, SoftAssertions softly) {
        Map<String, Write.Effect> doubtful = new LinkedHashMap<>();
        if (this.inDoubt != null) {
            this.inDoubt.effects().forEach(effect -> doubtful.put(effect.key(), effect));
        }
        Set<String> keys = new LinkedHashSet<>(this.acknowledged.keySet());
        keys.addAll(doubtful.keySet());
        for (String key : keys) {
            Write.Effect acked = this.acknowledged.get(key);
            Write.Effect unsure = doubtful.get(key);
            Set<String> allowed = new HashSet<>();
            allowed.add((acked != null) ? acked.fingerprint() : Write.ABSENT);
            if (unsure != null) {
                allowed.add(unsure.fingerprint());
            }
            String actual = ((acked != null) ? acked : unsure).reader().apply(storage);
            softly.assertThat(actual)
                .as("%s after the restart (last acknowledged write: %s%s)", key,
                        (acked != null) ? acked.fingerprint() : "none",
                        (unsure != null) ? ", in-doubt write: " + unsure.fingerprint() : "")
                .isIn(allowed);
        }
    }

}
