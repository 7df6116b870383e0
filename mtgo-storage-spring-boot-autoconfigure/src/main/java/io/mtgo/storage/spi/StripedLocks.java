package io.mtgo.storage.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * For backends: serialises, inside one JVM, writes that would otherwise race each other in the
 * database (freeing and claiming usernames of one session), so they neither deadlock nor exhaust
 * their retries. A fixed set of locks chosen by the key's hash: bounded memory however many sessions
 * there are, at the price of two keys sometimes sharing a lock. Writers in other processes still
 * race; {@link #backOff(int)} spaces their retries.
 */
public final class StripedLocks {

    private static final int STRIPES = 64;

    private final Lock[] locks = new Lock[STRIPES];

    /** Creates the locks. */
    public StripedLocks() {
        for (int i = 0; i < STRIPES; i++) {
            this.locks[i] = new ReentrantLock();
        }
    }

    /**
     * Returns the lock of a key.
     * @param key the key, a session name usually
     * @return its lock
     */
    public Lock of(String key) {
        int hash = key.hashCode();
        return this.locks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    /**
     * Waits a little before retrying a write that lost a race, with jitter so the racing writers do
     * not collide again, longer with every attempt (0.2 ms to {@code attempt} ms).
     * @param attempt the attempt that failed, from 1
     */
    public static void backOff(int attempt) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 200_001 + 1_000_000L * attempt));
    }

}
