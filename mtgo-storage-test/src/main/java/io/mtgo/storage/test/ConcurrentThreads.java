package io.mtgo.storage.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same work on several threads that start at the same moment (a barrier), so they really
 * overlap, and fails with the first thread's error.
 */
public final class ConcurrentThreads {

    private ConcurrentThreads() {
    }

    /**
     * Runs {@code work} on {@code threads} threads and waits for all of them.
     * @param threads how many threads
     * @param timeout how long all of them may take
     * @param work the work, given the thread's index
     * @throws Exception the first failure of a thread, or a timeout
     */
    public static void run(int threads, Duration timeout, ThreadWork work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    work.run(thread);
                    return null;
                };
                futures.add(executor.submit(task));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<Void> future : futures) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    /**
     * One thread's share of the work.
     */
    @FunctionalInterface
    public interface ThreadWork {

        /**
         * Runs the work.
         * @param thread the thread's index, from 0
         * @throws Exception on failure
         */
        void run(int thread) throws Exception;

    }

}
