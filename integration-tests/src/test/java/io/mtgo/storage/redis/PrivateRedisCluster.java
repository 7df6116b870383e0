package io.mtgo.storage.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

/**
 * A Redis Cluster of the test's own: three masters with one replica each, plus spare nodes that a
 * test adds later, each a {@code redis-server --cluster-enabled yes} child process on a spare
 * loopback port in a temporary directory. It never touches the machine's shared Redis; nodes are
 * stopped by their process (SIGKILL for {@link #kill}), and {@link #close()} (or a shutdown hook,
 * should the JVM end first) closes the connection factories it made, stops all of them and deletes
 * the directory.
 * <p>
 * Skips the test when {@code redis-server} or {@code redis-cli} is missing, and fails it instead
 * when {@code MTGO_TEST_REQUIRE_SERVICES=true}.
 */
final class PrivateRedisCluster implements AutoCloseable {

    private static final Duration NODE_TIMEOUT = Duration.ofMillis(1_000);

    /** Closed by {@link #close()}, before the nodes stop. */
    private final List<LettuceConnectionFactory> connectionFactories = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Path server;

    private final Path cli;

    private final Path directory;

    private final Map<Integer, Process> nodes = new LinkedHashMap<>();

    private final Thread shutdownHook = new Thread(this::stopAll, "stop-private-redis-cluster");

    private PrivateRedisCluster(Path server, Path cli) throws IOException {
        this.server = server;
        this.cli = cli;
        this.directory = Files.createTempDirectory("mtgo-redis-cluster-");
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
    }

    /**
     * Starts three masters and three replicas and joins them into one cluster.
     * @return the running cluster
     */
    public static PrivateRedisCluster start() throws IOException, InterruptedException {
        PrivateRedisCluster cluster = new PrivateRedisCluster(require("redis-server"), require("redis-cli"));
        try {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                addresses.add("127.0.0.1:" + cluster.startNode());
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            create.addAll(addresses);
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            cluster.cli(create);
            cluster.awaitHealthy();
            return cluster;
        }
        catch (IOException | InterruptedException | RuntimeException | Error ex) {
            cluster.close();
            throw ex;
        }
    }

    /** @return the ports of every node started, in start order (the first three began as masters) */
    public List<Integer> ports() {
        return List.copyOf(this.nodes.keySet());
    }

    /**
     * A connection factory the way an application should configure one for a cluster: adaptive
     * topology refresh (what {@code spring.data.redis.lettuce.cluster.refresh.adaptive=true} sets),
     * plus a periodic refresh, so that Lettuce follows a failover or resharding without waiting
     * for a command to fail.
     */
    public LettuceConnectionFactory connectionFactory() {
        RedisClusterConfiguration configuration = new RedisClusterConfiguration(
                ports().subList(0, 3).stream().map(port -> "127.0.0.1:" + port).toList());
        ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers()
            .enablePeriodicRefresh(Duration.ofSeconds(1))
            .dynamicRefreshSources(true)
            .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(3))
            .clientOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(refresh)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(3)))
                .build())
            .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration, client);
        factory.afterPropertiesSet();
        factory.start();
        this.connectionFactories.add(factory);
        return factory;
    }

    /**
     * Starts one more empty node, outside the cluster until {@link #addMaster} joins it.
     * @return its port
     */
    public int startNode() throws IOException, InterruptedException {
        int port = freePort();
        Path nodeDirectory = Files.createDirectories(this.directory.resolve(Integer.toString(port)));
        Process process = new ProcessBuilder(this.server.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", nodeDirectory.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--appendonly", "no", "--save", "",
                "--daemonize", "no")
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(nodeDirectory.resolve("server.log").toFile()))
            .start();
        this.nodes.put(port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"PONG".equals(cliOutput(port, "PING").trim())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis node on port " + port + " did not start: " + tail(nodeDirectory));
            }
            Thread.sleep(50);
        }
        return port;
    }

    /** Joins an empty node as a master without slots ({@code redis-cli --cluster add-node}). */
    public void addMaster(int port) throws IOException, InterruptedException {
        cli(List.of("--cluster", "add-node", "127.0.0.1:" + port, "127.0.0.1:" + ports().get(0)));
        awaitHealthy();
    }

    /**
     * Moves slots with {@code redis-cli --cluster reshard}: it takes the lowest slots of the
     * source node, migrating their keys while clients keep writing.
     */
    public void reshard(int fromPort, int toPort, int slots) throws IOException, InterruptedException {
        cli(List.of("--cluster", "reshard", "127.0.0.1:" + ports().get(0), "--cluster-from", nodeId(fromPort), "--cluster-to",
                nodeId(toPort), "--cluster-slots", Integer.toString(slots), "--cluster-yes"));
    }

    /**
     * Moves one slot the way {@code redis-cli --cluster reshard} does (IMPORTING, MIGRATING,
     * MIGRATE, SETSLOT NODE), but holds it half-migrated, with its keys split between the two
     * nodes, for a while: every write to it meanwhile meets ASK or TRYAGAIN.
     */
    public void migrateSlowly(int slot, int fromPort, int toPort, Duration keysSplit) throws IOException, InterruptedException {
        String from = nodeId(fromPort);
        String to = nodeId(toPort);
        cliOutput(toPort, "CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", from);
        cliOutput(fromPort, "CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", to);
        List<String> keys = keysInSlot(fromPort, slot);
        migrate(fromPort, toPort, keys.subList(0, keys.size() / 2));
        Thread.sleep(keysSplit.toMillis());
        for (List<String> rest = keysInSlot(fromPort, slot); !rest.isEmpty(); rest = keysInSlot(fromPort, slot)) {
            migrate(fromPort, toPort, rest);
        }
        for (Map.Entry<Integer, Process> node : this.nodes.entrySet()) {
            if (node.getValue().isAlive()) {
                cliOutput(node.getKey(), "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", to);
            }
        }
    }

    private List<String> keysInSlot(int port, int slot) throws IOException, InterruptedException {
        return cliOutput(port, "CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "100000").lines()
            .filter(line -> !line.isBlank()).toList();
    }

    private void migrate(int fromPort, int toPort, List<String> keys) throws IOException, InterruptedException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(toPort), "", "0", "5000", "KEYS"));
        command.addAll(keys);
        String reply = cliOutput(fromPort, command.toArray(String[]::new)).trim();
        if (!reply.equals("OK") && !reply.equals("NOKEY")) {
            throw new IllegalStateException("MIGRATE of " + keys.size() + " keys answered " + reply);
        }
    }

    /** @return the port of the master that serves a slot now */
    public int masterOf(int slot) throws IOException, InterruptedException {
        for (String line : cliOutput(alivePort(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue;
                }
                String[] bounds = range.split("-");
                int low = Integer.parseInt(bounds[0]);
                int high = Integer.parseInt(bounds[bounds.length - 1]);
                if (slot >= low && slot <= high) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("No live master serves slot " + slot);
    }

    /** Waits until every replica of a master has received everything the master has. */
    public void awaitReplicasCaughtUp(int masterPort) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String info = cliOutput(masterPort, "INFO", "replication");
            long masterOffset = Long.parseLong(field(info, "master_repl_offset"));
            List<String> replicas = info.lines().filter(line -> line.startsWith("slave")).toList();
            if (!replicas.isEmpty() && replicas.stream().allMatch(line -> line.contains("offset=" + masterOffset + ","))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Replicas of 127.0.0.1:" + masterPort + " did not catch up");
    }

    /** Kills a node with SIGKILL: no clean shutdown, no final sync to its replica. */
    public void kill(int port) throws InterruptedException {
        Process process = this.nodes.get(port);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits until every live node reports {@code cluster_state:ok} and no slot is unserved. */
    public void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean healthy = true;
            for (Map.Entry<Integer, Process> node : this.nodes.entrySet()) {
                if (node.getValue().isAlive()) {
                    String info = cliOutput(node.getKey(), "CLUSTER", "INFO");
                    healthy &= info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384");
                }
            }
            if (healthy) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The private Redis Cluster did not become healthy");
    }

    /** Runs one command on one node and returns its raw output. */
    public String cliOutput(int port, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(this.cli.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(10, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // Clients first: a client whose nodes are gone keeps reconnecting in the background.
        this.connectionFactories.forEach(LettuceConnectionFactory::destroy);
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // the JVM is shutting down and the hook runs anyway
        }
    }

    private synchronized void stopAll() {
        this.nodes.values().forEach(Process::destroyForcibly);
        for (Process process : this.nodes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(this.directory);
    }

    private int alivePort() {
        return this.nodes.entrySet().stream().filter(node -> node.getValue().isAlive()).findFirst().orElseThrow().getKey();
    }

    private String nodeId(int port) throws IOException, InterruptedException {
        return cliOutput(port, "CLUSTER", "MYID").trim();
    }

    private void cli(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(this.cli.toString()));
        command.addAll(arguments);
        Path log = this.directory.resolve("redis-cli.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " failed; its output: " + Files.readString(log));
        }
    }

    private static String field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).findFirst()
            .map(line -> line.substring(name.length() + 1).trim())
            .orElseThrow(() -> new IllegalStateException("INFO has no " + name));
    }

    private static String tail(Path nodeDirectory) {
        try {
            List<String> lines = Files.readAllLines(nodeDirectory.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static Path require(String executable) {
        Optional<Path> found = Stream.concat(Stream.of("/usr/bin", "/usr/local/bin"),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
            .filter(directory -> !directory.isEmpty())
            .map(directory -> Path.of(directory, executable))
            .filter(Files::isExecutable)
            .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String reason = executable + " is not installed, so the private Redis Cluster cannot start";
        if ("true".equalsIgnoreCase(System.getenv("MTGO_TEST_REQUIRE_SERVICES"))) {
            Assertions.fail(reason + " (MTGO_TEST_REQUIRE_SERVICES=true)");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    private static int freePort() throws IOException {
        // Cluster nodes also listen on port + 10000 (the bus): keep both below 65536.
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port < 55_000) {
                    try (ServerSocket bus = new ServerSocket(port + 10_000)) {
                        return port;
                    }
                    catch (IOException busTaken) {
                        // try another
                    }
                }
            }
        }
        throw new IOException("No spare port pair (port, port + 10000) on the loopback interface");
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // best effort: a leftover file in the temp directory must not hide the test's result
        }
    }

}
