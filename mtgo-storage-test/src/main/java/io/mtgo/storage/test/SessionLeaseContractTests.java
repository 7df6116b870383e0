package io.mtgo.storage.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.mtgo.storage.SessionLease;
import io.mtgo.storage.SessionLeases;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The contract of {@link SessionLeases} every backend must pass: mutual exclusion (also under
 * contention), expiry by itself, hand-over on release, strictly increasing fencing tokens, stale
 * holders that can neither renew nor release, waiting acquisition, and argument checks.
 * <p>
 * Extend it and implement {@link #createStorage(String)}; override {@link #storeNow()} when the
 * store has a clock of its own, so the expiry is checked against that clock. Every test uses fresh,
 * randomly named sessions, so the suite can run against a shared database.
 */
public abstract class SessionLeaseContractTests {

    /** Long enough that no lease of a test expires unless the test waits for it. */
    private static final Duration LONG_TTL = Duration.ofSeconds(30);

    /** Short enough to wait for, long enough for a round trip to a loaded database. */
    private static final Duration SHORT_TTL = Duration.ofMillis(400);

    /** Clock granularity of the stores (SQLite's julianday is ms, H2's CURRENT_TIMESTAMP(3) too). */
    private static final long CLOCK_SLACK_MS = 50;

    private Storage storage;

    private SessionLeases leases;

    private String session;

    /**
     * Creates the storage under test. Called before every test.
     * @param sessionName a fresh session name
     * @return the storage
     */
    protected abstract Storage createStorage(String sessionName);

    /**
     * Reads the store's clock, which the leases' expiry must follow. The default is the JVM's clock,
     * right for stores that have none of their own.
     * @return the store's current time in epoch milliseconds
     */
    protected long storeNow() {
        return System.currentTimeMillis();
    }

    @BeforeEach
    void openStorage() {
        this.session = "lease-" + UUID.randomUUID().toString().substring(0, 13);
        this.storage = createStorage(this.session);
        this.leases = this.storage.leases();
    }

    @AfterEach
    void closeStorage() {
        this.storage.close();
    }

    @Test
    void acquireGivesTheOwnerATokenAndAnExpiryByTheStoreClock() {
        long before = storeNow();
        SessionLease lease = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        long after = storeNow();
        assertThat(lease.sessionName()).isEqualTo(this.session);
        assertThat(lease.owner()).isEqualTo("alpha");
        assertThat(lease.token()).isPositive();
        assertThat(lease.expiresAt()).isBetween(before + LONG_TTL.toMillis() - CLOCK_SLACK_MS,
                after + LONG_TTL.toMillis() + CLOCK_SLACK_MS);
        assertThat(this.leases.current(this.session)).contains(lease);
    }

    @Test
    void currentIsEmptyWhenNobodyHoldsTheLease() {
        assertThat(this.leases.current(this.session)).isEmpty();
    }

    @Test
    void anotherOwnerCannotAcquireAHeldLease() {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        assertThat(this.leases.tryAcquire(this.session, "beta", LONG_TTL)).isEmpty();
        assertThat(this.leases.current(this.session)).contains(alpha);
    }

    @Test
    void leasesOfDifferentSessionsAreIndependent() {
        String other = this.session + "-other";
        assertThat(this.leases.tryAcquire(this.session, "alpha", LONG_TTL)).isPresent();
        SessionLease beta = this.leases.tryAcquire(other, "beta", LONG_TTL).orElseThrow();
        assertThat(this.leases.current(other)).contains(beta);
    }

    @Test
    void leaseExpiresByItselfAndAnotherOwnerThenGetsAGreaterToken() throws InterruptedException {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", SHORT_TTL).orElseThrow();
        assertThat(this.leases.tryAcquire(this.session, "beta", LONG_TTL)).isEmpty();
        Thread.sleep(SHORT_TTL.toMillis() + 2 * CLOCK_SLACK_MS);
        assertThat(this.leases.current(this.session)).isEmpty();
        SessionLease beta = this.leases.tryAcquire(this.session, "beta", LONG_TTL).orElseThrow();
        assertThat(beta.token()).isGreaterThan(alpha.token());
    }

    @Test
    void releaseHandsOverAtOnceAndKeepsTheTokenGrowing() {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        assertThat(this.leases.release(alpha)).isTrue();
        assertThat(this.leases.current(this.session)).isEmpty();
        SessionLease beta = this.leases.tryAcquire(this.session, "beta", LONG_TTL).orElseThrow();
        assertThat(beta.token()).isGreaterThan(alpha.token());
        assertThat(this.leases.release(alpha)).as("releasing a released lease").isFalse();
        assertThat(this.leases.current(this.session)).contains(beta);
    }

    @Test
    void tokensStrictlyIncreaseOverEveryKindOfHandOver() throws InterruptedException {
        List<Long> tokens = new ArrayList<>();
        SessionLease lease = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        tokens.add(lease.token());
        this.leases.release(lease);
        lease = this.leases.tryAcquire(this.session, "beta", SHORT_TTL).orElseThrow();
        tokens.add(lease.token());
        Thread.sleep(SHORT_TTL.toMillis() + 2 * CLOCK_SLACK_MS);
        lease = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        tokens.add(lease.token());
        lease = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        tokens.add(lease.token());
        this.leases.release(lease);
        tokens.add(this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow().token());
        for (int i = 1; i < tokens.size(); i++) {
            assertThat(tokens.get(i)).as("token %d of %s", i, tokens).isGreaterThan(tokens.get(i - 1));
        }
    }

    @Test
    void renewExtendsTheExpiryAndKeepsTheToken() throws InterruptedException {
        SessionLease first = this.leases.tryAcquire(this.session, "alpha", SHORT_TTL).orElseThrow();
        Thread.sleep(SHORT_TTL.toMillis() / 2);
        SessionLease renewed = this.leases.renew(first, LONG_TTL).orElseThrow();
        assertThat(renewed.token()).isEqualTo(first.token());
        assertThat(renewed.owner()).isEqualTo("alpha");
        assertThat(renewed.expiresAt()).isGreaterThan(first.expiresAt());
        Thread.sleep(SHORT_TTL.toMillis());
        assertThat(this.leases.tryAcquire(this.session, "beta", LONG_TTL)).as("after the first TTL, renewed").isEmpty();
        assertThat(this.leases.current(this.session)).contains(renewed);
    }

    @Test
    void anExpiredLeaseCannotBeRenewedOrReleased() throws InterruptedException {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", SHORT_TTL).orElseThrow();
        Thread.sleep(SHORT_TTL.toMillis() + 2 * CLOCK_SLACK_MS);
        assertThat(this.leases.renew(alpha, LONG_TTL)).isEmpty();
        assertThat(this.leases.release(alpha)).isFalse();
        assertThat(this.leases.current(this.session)).isEmpty();
    }

    @Test
    void aStaleHolderCanNeitherRenewNorReleaseTheNewHoldersLease() throws InterruptedException {
        SessionLease stale = this.leases.tryAcquire(this.session, "alpha", SHORT_TTL).orElseThrow();
        Thread.sleep(SHORT_TTL.toMillis() + 2 * CLOCK_SLACK_MS);
        SessionLease beta = this.leases.tryAcquire(this.session, "beta", LONG_TTL).orElseThrow();
        assertThat(this.leases.renew(stale, LONG_TTL)).isEmpty();
        assertThat(this.leases.release(stale)).isFalse();
        assertThat(this.leases.current(this.session)).contains(beta);
    }

    @Test
    void reacquiringByTheSameOwnerMakesItsOlderLeaseStale() {
        SessionLease older = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        SessionLease newer = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        assertThat(newer.token()).isGreaterThan(older.token());
        assertThat(this.leases.renew(older, LONG_TTL)).isEmpty();
        assertThat(this.leases.release(older)).isFalse();
        assertThat(this.leases.renew(newer, LONG_TTL)).isPresent();
        assertThat(this.leases.current(this.session).map(SessionLease::token)).contains(newer.token());
    }

    @Test
    void acquireWaitsUntilTheHolderReleases() throws Exception {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<Optional<SessionLease>> beta = executor.submit(() -> this.leases.acquire(this.session, "beta", LONG_TTL, Duration.ofSeconds(10)));
            Thread.sleep(300);
            assertThat(beta).isNotDone();
            assertThat(this.leases.release(alpha)).isTrue();
            SessionLease acquired = beta.get(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(acquired.owner()).isEqualTo("beta");
            assertThat(acquired.token()).isGreaterThan(alpha.token());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void acquireGivesUpWhenTheWaitRunsOut() throws InterruptedException {
        SessionLease alpha = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        long start = System.nanoTime();
        assertThat(this.leases.acquire(this.session, "beta", LONG_TTL, Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(this.leases.current(this.session)).contains(alpha);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose: the contract checks that it is rejected
    void invalidArgumentsNameTheField() {
        SessionLease lease = this.leases.tryAcquire(this.session, "alpha", LONG_TTL).orElseThrow();
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.tryAcquire(" ", "alpha", LONG_TTL)).withMessageContaining("sessionName");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.tryAcquire(this.session, " ", LONG_TTL)).withMessageContaining("owner");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.tryAcquire(this.session, "x".repeat(256), LONG_TTL))
            .withMessageContaining("owner");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.tryAcquire(this.session, "beta", Duration.ZERO)).withMessageContaining("ttl");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.acquire(this.session, "beta", LONG_TTL, Duration.ofMillis(-1)))
            .withMessageContaining("wait");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.renew(null, LONG_TTL)).withMessageContaining("lease");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.renew(lease, null)).withMessageContaining("ttl");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.release(null)).withMessageContaining("lease");
        assertThatIllegalArgumentException().isThrownBy(() -> this.leases.current(null)).withMessageContaining("sessionName");
        assertThat(this.leases.current(this.session)).as("nothing changed").contains(lease);
    }

    @Test
    void ownerNamesKeepEveryCharacter() {
        String owner = "pod-7f9c 🚀 host:1234";
        SessionLease lease = this.leases.tryAcquire(this.session, owner, LONG_TTL).orElseThrow();
        assertThat(this.leases.current(this.session).map(SessionLease::owner)).contains(owner);
        assertThat(this.leases.renew(lease, LONG_TTL)).isPresent();
    }

    /**
     * Contenders on several threads try to take the lease round after round; whoever gets it
     * checks that nobody else holds it, holds it briefly, and releases it. The store may be slow
     * under contention, so each lease lives long enough never to expire while held.
     */
    @Test
    void contendersOnManyThreadsNeverHoldTheLeaseAtOnce() throws Exception {
        int threads = 4;
        int rounds = 40;
        AtomicReference<String> holder = new AtomicReference<>();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "contender-" + t;
                results.add(executor.submit(() -> {
                    start.await();
                    int won = 0;
                    for (int round = 0; round < rounds; round++) {
                        Optional<SessionLease> lease = this.leases.tryAcquire(this.session, owner, LONG_TTL);
                        if (lease.isEmpty()) {
                            // Wait about as long as a holder holds: on a fast backend a spinning
                            // contender used up its rounds while one holder slept, on a loaded machine.
                            Thread.sleep(1);
                            continue;
                        }
                        won++;
                        if (!holder.compareAndSet(null, owner)) {
                            overlaps.incrementAndGet();
                        }
                        tokens.add(lease.get().token());
                        Thread.sleep(1);
                        holder.compareAndSet(owner, null);
                        if (!this.leases.release(lease.get())) {
                            overlaps.incrementAndGet();
                        }
                    }
                    return won;
                }));
            }
            start.countDown();
            int acquisitions = 0;
            for (Future<Integer> result : results) {
                acquisitions += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(overlaps).as("rounds where two contenders held the lease or a release found it taken").hasValue(0);
            assertThat(acquisitions).as("acquisitions").isGreaterThan(rounds / 4);
            assertThat(tokens).as("every acquisition has its own token").doesNotHaveDuplicates().hasSize(acquisitions);
        }
        finally {
            executor.shutdownNow();
        }
    }

}
