package io.mtgo.storage.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A Redis server of the test's own, a child process with an append-only file fsynced on every
 * write ({@code --appendonly yes --appendfsync always}), so that whatever Redis acknowledged is on
 * disk; {@link #stopHarshly()} is SIGKILL and the restart replays the AOF.
 */
final class PrivateRedis extends ChildProcessServer {

    private final Path server;

    private PrivateRedis(Path server) {
        super("redis");
        this.server = server;
    }

    /** A server on the installed {@code redis-server}; skips or fails the test when there is none. */
    static PrivateRedis create() {
        return new PrivateRedis(requireExecutable("Redis (redis-server)", findExecutable("redis-server", "/usr/bin")));
    }

    @Override
    synchronized void start() throws IOException, InterruptedException {
        launch(List.of(this.server.toString(), "--port", Integer.toString(port()), "--bind", "127.0.0.1",
                "--dir", directory().toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--daemonize", "no"), this::answersPing);
    }

    /** PONG only comes once the AOF is loaded; while loading, Redis answers LOADING. */
    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        }
    }

}
