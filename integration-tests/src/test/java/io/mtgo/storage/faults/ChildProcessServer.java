package io.mtgo.storage.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A private server that runs as a child process of the test JVM (MariaDB, Redis): stopping it
 * harshly is SIGKILL of exactly that process, which cannot hit any other server on the machine.
 */
abstract class ChildProcessServer extends PrivateServer {

    private static final String LOG = "server.log";

    private Process process;

    ChildProcessServer(String name) {
        super(name);
    }

    /** Starts the server process and waits until the check says it accepts clients. */
    final synchronized void launch(List<String> command, ReadinessCheck ready) throws IOException, InterruptedException {
        this.process = spawn(command, LOG);
        awaitReady(Duration.ofSeconds(30), ready, this.process, LOG);
    }

    @Override
    final synchronized void stopHarshly() throws InterruptedException {
        kill(this.process);
    }

    @Override
    final synchronized void stopQuietly() {
        if (this.process != null) {
            this.process.destroyForcibly();
        }
    }

}
