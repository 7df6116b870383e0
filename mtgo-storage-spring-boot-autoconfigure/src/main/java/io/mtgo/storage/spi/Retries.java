package io.mtgo.storage.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.mtgo.storage.StorageException;

/**
 * The one retry policy of every backend, for failures that say "not now" rather than "no": a write
 * that lost a race with a concurrent writer (a unique-key violation, a deadlock, a serialization
 * failure, a script that found its usernames taken meanwhile), a read that saw a record half-way
 * through another writer's move, a Redis Cluster slot being migrated ({@code TRYAGAIN}).
 * <p>
 * Up to {@value #MAX_ATTEMPTS} attempts; between them a pause with jitter (half to all of a ceiling
 * that starts at 0.2 ms and doubles up to 100 ms), so racing writers spread out at once while a slot
 * migration (hundreds of milliseconds) is waited out: 0.8 to 1.6 s in all before giving up. Any
 * other failure goes to the caller at once.
 * <p>
 * Some lost races are better tried again without a pause ({@link TryAgain#atOnce()}): a read that
 * found a record half-way through a move, or a save told which usernames' holders it must also
 * declare. The change they lost to is over, and a pause would only give other writers time to
 * start the next one (a busy Redis session once lost 25 rounds in a row that way). Up to
 * {@value #ROUNDS_AT_ONCE} of those in a row are free; more count as one lost attempt and pause.
 */
public final class Retries {

    /** Attempts before giving up, the first included. */
    public static final int MAX_ATTEMPTS = 25;

    /** Rounds tried again without a pause, and not counted as attempts, before a pause. */
    public static final int ROUNDS_AT_ONCE = 8;

    private static final long FIRST_PAUSE_NANOS = 200_000;

    private static final long MAX_PAUSE_NANOS = 100_000_000;

    private Retries() {
    }

    /**
     * Runs an attempt until it succeeds, fails for good, or {@value #MAX_ATTEMPTS} attempts lost.
     * @param operation what is tried, with its session, for the message when every attempt lost
     * @param transientFailure which failures mean "try again" besides {@link TryAgain}
     * @param attempt one attempt; throws {@link TryAgain} when it saw that it lost a race
     * @param <T> the result type
     * @return the result of the first attempt that succeeded
     * @throws StorageException when every attempt lost a race that the attempt itself detected
     * @throws RuntimeException the last transient failure when every attempt failed with one, or
     * the first failure that is not transient
     */
    public static <T> T run(String operation, Predicate<? super RuntimeException> transientFailure, Supplier<T> attempt) {
        int lostAttempts = 0;
        int roundsAtOnce = 0;
        while (true) {
            try {
                return attempt.get();
            }
            catch (TryAgain ex) {
                if (ex.atOnce && roundsAtOnce < ROUNDS_AT_ONCE) {
                    roundsAtOnce++;
                    continue;
                }
                if (++lostAttempts >= MAX_ATTEMPTS) {
                    throw new StorageException(operation + " kept losing races with concurrent writers; gave up after "
                            + MAX_ATTEMPTS + " attempts");
                }
            }
            catch (RuntimeException ex) {
                if (++lostAttempts >= MAX_ATTEMPTS || !transientFailure.test(ex)) {
                    throw ex;
                }
            }
            roundsAtOnce = 0;
            pause(lostAttempts);
        }
    }

    /**
     * Like {@link #run(String, Predicate, Supplier)} for attempts that only detect lost races themselves.
     * @param operation what is tried, with its session
     * @param attempt one attempt; throws {@link TryAgain} when it lost
     * @param <T> the result type
     * @return the result of the first attempt that succeeded
     */
    public static <T> T run(String operation, Supplier<T> attempt) {
        return run(operation, failure -> false, attempt);
    }

    private static void pause(int failedAttempt) {
        long ceiling = Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(failedAttempt - 1, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /**
     * Thrown by an attempt that saw it lost a race: the pause and the next attempt follow, or the
     * next attempt at once ({@link #atOnce()}). Carries no stack trace; it never leaves
     * {@link Retries#run}.
     */
    public static final class TryAgain extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean atOnce;

        /** Creates the signal for a next attempt after a pause. */
        public TryAgain() {
            this(false);
        }

        private TryAgain(boolean atOnce) {
            super(null, null, false, false);
            this.atOnce = atOnce;
        }

        /**
         * The signal for a race that is already over, or an attempt that learnt what it needs for
         * the next one: tried again without a pause, up to {@value Retries#ROUNDS_AT_ONCE} times in a row.
         * @return the signal
         */
        public static TryAgain atOnce() {
            return new TryAgain(true);
        }

    }

}
