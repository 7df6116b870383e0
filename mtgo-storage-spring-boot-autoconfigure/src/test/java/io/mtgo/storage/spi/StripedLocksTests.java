package io.mtgo.storage.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One lock per key, the same for the same key, and writers served in the order they came.
 */
class StripedLocksTests {

    private final StripedLocks locks = new StripedLocks();

    @Test
    void aKeyAlwaysGetsTheSameLock() {
        assertThat(this.locks.of("session")).isSameAs(this.locks.of(new String("session")));
    }

    @Test
    void aWriterThatCameLaterDoesNotOvertakeOneThatWaits() throws InterruptedException {
        Lock lock = this.locks.of("session");
        List<String> served = new CopyOnWriteArrayList<>();
        lock.lock();
        Thread waiting = new Thread(() -> {
            lock.lock();
            try {
                served.add("waiting");
            }
            finally {
                lock.unlock();
            }
        });
        waiting.start();
        waitUntilQueued(lock, 1);
        lock.unlock();
        // A newcomer asks while the waiting writer is being woken: an unfair lock lets it in first.
        lock.lock();
        try {
            served.add("newcomer");
        }
        finally {
            lock.unlock();
        }
        waiting.join();
        assertThat(served).containsExactly("waiting", "newcomer");
    }

    private static void waitUntilQueued(Lock lock, int writers) throws InterruptedException {
        while (((ReentrantLock) lock).getQueueLength() < writers) {
            Thread.sleep(1);
        }
    }

}
