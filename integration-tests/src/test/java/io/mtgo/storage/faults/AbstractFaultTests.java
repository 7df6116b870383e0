package io.mtgo.storage.faults;

import java.util.concurrent.TimeUnit;

import io.mtgo.storage.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every fault test checks (see {@link FaultScenario}), on a private server that a
 * small subclass per backend starts and connects to the way an application would.
 * @param <S> the kind of private server
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractFaultTests<S extends PrivateServer> {

    private S server;

    private Client client;

    /** Creates the private server, not yet started; skips or fails the test when it is not installed. */
    abstract S createServer() throws Exception;

    /** Connects a storage to the started server, as an application would. */
    abstract Client connect(S server);

    @BeforeAll
    void startServerAndConnect() throws Exception {
        this.server = createServer();
        this.server.start();
        this.client = connect(this.server);
    }

    @AfterAll
    void disconnectAndStopServer() throws Exception {
        try {
            if (this.client != null) {
                this.client.close();
            }
        }
        finally {
            if (this.server != null) {
                this.server.close();
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void storageFailsLoudlyDuringAHarshStopThenRecoversWithEveryAcknowledgedWrite() throws Exception {
        new FaultScenario(this.server, this.client.storage()).run();
    }

    /**
     * A storage and the connection object it was built on, which the application owns and closes.
     * @param storage the storage
     * @param connection closes the pool or connection factory
     */
    record Client(Storage storage, AutoCloseable connection) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            try {
                this.storage.close();
            }
            finally {
                this.connection.close();
            }
        }

    }

}
