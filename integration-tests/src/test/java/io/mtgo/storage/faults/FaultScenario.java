package io.mtgo.storage.faults;

import java.time.Duration;

import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import org.assertj.core.api.SoftAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault test every backend goes through, on one private server and one storage: a load runs,
 * the server is stopped harshly in its middle, every operation must fail with a
 * {@link StorageException} during the outage, and after the server is started again on the same
 * port and data the same storage object must work again and hold every acknowledged write.
 * Violations are collected softly so that one run reports the outage, the recovery and the
 * durability findings together.
 */
final class FaultScenario {

    static final String SESSION = "fault-session";

    private static final int ACKNOWLEDGED_BEFORE_STOP = 300;

    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(30);

    private final PrivateServer server;

    private final Storage storage;

    FaultScenario(PrivateServer server, Storage storage) {
        this.server = server;
        this.storage = storage;
    }

    void run() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        FaultLoad load = FaultLoad.start(this.storage);
        load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_STOP, Duration.ofSeconds(20));
        this.server.stopHarshly();
        load.awaitEnd(Duration.ofSeconds(20));
        AcknowledgedWrites writes = load.writes();
        assertThat(writes.kinds()).as("kinds of writes acknowledged before the stop")
            .containsExactlyInAnyOrderElementsOf(FaultLoad.KINDS);
        softly.assertThat(load.failure())
            .as("the load's first write after the stop")
            .isInstanceOf(StorageException.class);

        OutageProbe.assertEveryOperationFails(this.storage, softly);

        this.server.start();
        awaitFirstSuccessfulWrite();
        writes.verify(this.storage, softly);
        OutageProbe.assertProbeWritesAbsent(this.storage, softly);
        softly.assertAll();
    }

    /** The same storage object must recover by itself: no rebuild, no new pool or factory. */
    private void awaitFirstSuccessfulWrite() throws InterruptedException {
        Session marker = Session.builder("fault-recovery").dcId(4).build();
        long deadline = System.nanoTime() + RECOVERY_DEADLINE.toNanos();
        StorageException last = null;
        while (System.nanoTime() < deadline) {
            try {
                this.storage.saveSession(marker);
                assertThat(this.storage.loadSession(marker.name())).as("the write that marked recovery").contains(marker);
                return;
            }
            catch (StorageException ex) {
                last = ex;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the storage did not accept a write within " + RECOVERY_DEADLINE + " after "
                + this.server + " was started again", last);
    }

}
