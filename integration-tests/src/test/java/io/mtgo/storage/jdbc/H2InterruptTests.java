package io.mtgo.storage.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread interrupted while H2 writes the file (a cancelled {@code Future}, a coroutine's
 * {@code runInterruptible} timeout) makes Java close the file channel, and H2 then closes the whole
 * database: every later call of every thread failed until the process restarted. The starter's H2
 * file is opened through H2's {@code retry:} file system, which reopens the channel; an interrupt
 * fails at most the call it interrupted.
 */
class H2InterruptTests {

    private static final int CANCELLED_BATCHES = 150;

    @TempDir
    Path directory;

    @Test
    void interruptedWritesLeaveTheStartersH2FileWorkingForEveryoneElse() {
        new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
            .withPropertyValues("mtgo.storage.jdbc.h2.path=" + this.directory.resolve("bot"), "mtgo.storage.session-name=interrupts")
            .run(context -> {
                Storage storage = context.getBean(Storage.class);
                ExecutorService writers = Executors.newSingleThreadExecutor();
                try {
                    for (int round = 0; round < CANCELLED_BATCHES; round++) {
                        Future<?> batch = writers.submit(() -> storage.savePeers(peers(200)));
                        Thread.sleep(2);
                        batch.cancel(true);
                        try {
                            storage.setUserId(round + 1);
                        }
                        catch (StorageException ex) {
                            throw new AssertionError("a write after " + (round + 1) + " interrupted batches failed", ex);
                        }
                    }
                }
                finally {
                    writers.shutdownNow();
                }
                assertThat(storage.getUserId()).hasValue(CANCELLED_BATCHES);
                storage.savePeers(peers(200));
                assertThat(storage.loadPeer(PeerType.USER, 199)).isPresent();
            });
    }

    private static List<Peer> peers(int count) {
        List<Peer> peers = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            peers.add(Peer.builder(id, PeerType.USER).accessHash(System.nanoTime()).username("user_" + id).build());
        }
        return peers;
    }

}
