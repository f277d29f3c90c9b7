package dev.telltale.backend.amqp.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;

/**
 * An in-process Apache Qpid Broker-J with an in-memory virtual host {@code /}, AMQP 0-9-1 on a
 * loopback port chosen once (so a restart keeps it), user guest/guest. Nothing survives a restart.
 */
final class QpidBroker implements TestBroker {

    /** Held so that the levels stick: Qpid logs its whole life at INFO through SLF4J. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache.qpid"), Logger.getLogger("qpid"));

    private final int port;
    private final Path work;
    private SystemLauncher launcher;

    private QpidBroker(int port, Path work) {
        this.port = port;
        this.work = work;
    }

    static QpidBroker start() throws Exception {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        QpidBroker broker = new QpidBroker(port, Files.createTempDirectory("telltale-qpid"));
        broker.start(Duration.ofSeconds(60));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::shutdownQuietly, "stop-qpid"));
        return broker;
    }

    @Override
    public String name() {
        return "qpid";
    }

    @Override
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Map<String, String> queueOptions() {
        return Map.of("message-ttl", "0", "expires", "0", "max-length", "0");
    }

    @Override
    public boolean exchangeBindings() {
        return false;
    }

    @Override
    public boolean cancelsConsumers() {
        return false;
    }

    @Override
    public boolean durableAcrossRestart() {
        return false;
    }

    @Override
    public Map<String, Object> nackWhenFullArguments() {
        // qpid.max_count=1 with qpid.policy_type=reject drops the surplus but still acks it (seen with 10.1.0)
        return null;
    }

    @Override
    public boolean alarms() {
        return false;
    }

    @Override
    public void resourceAlarm(boolean on) {
        throw new UnsupportedOperationException("no resource alarms in the in-process Qpid");
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }

    @Override
    public synchronized void start(Duration timeout) throws Exception {
        if (launcher != null) {
            return;
        }
        URL config = QpidBroker.class.getResource("/qpid-test-config.json");
        Map<String, String> context = new HashMap<>();
        context.put("qpid.work_dir", work.toString());
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("context", context);
        attributes.put("startupLoggedToSystemOut", false);
        SystemLauncher started = new SystemLauncher();
        started.startup(attributes);
        launcher = started;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Brokers.answers(port, 1000)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Qpid did not accept connections within " + timeout);
            }
            Thread.sleep(50); // polling a port: there is nothing to block on
        }
    }

    @Override
    public void ensureRunning() throws Exception {
        start(Duration.ofSeconds(60));
    }

    private void shutdownQuietly() {
        try {
            stop(Duration.ofSeconds(10));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind
            }
        }
    }

    @Override
    public String toString() {
        return "in-process Qpid Broker-J on 127.0.0.1:" + port;
    }
}
