package dev.telltale.backend.amqp.broker;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's RabbitMQ on 127.0.0.1:5672, guest/guest. Stopped and started with {@code
 * rabbitmqctl stop_app} and {@code start_app}; a JVM shutdown hook and {@link #ensureRunning()}
 * make sure a failed test cannot leave it stopped.
 */
final class RabbitBroker implements TestBroker {

    static final int PORT = 5672;
    private static final String CTL = "rabbitmqctl";
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(90);
    /** RabbitMQ's default free-disk limit, which these machines keep. */
    private static final String DEFAULT_DISK_FREE_LIMIT = "50MB";
    private boolean hookInstalled;
    private boolean alarmRaised;

    static boolean answers() {
        return Brokers.answers(PORT, 2000);
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + PORT + "/%2F";
    }

    @Override
    public int port() {
        return PORT;
    }

    @Override
    public Map<String, String> queueOptions() {
        return Map.of();
    }

    @Override
    public boolean exchangeBindings() {
        return true;
    }

    @Override
    public boolean cancelsConsumers() {
        return true;
    }

    @Override
    public boolean durableAcrossRestart() {
        return true;
    }

    @Override
    public Map<String, Object> nackWhenFullArguments() {
        return Map.of("x-max-length", 1, "x-overflow", "reject-publish");
    }

    @Override
    public boolean alarms() {
        return restartable();
    }

    @Override
    public synchronized void resourceAlarm(boolean on) throws Exception {
        installHook();
        alarmRaised = on;
        ctl(CTL_TIMEOUT, "set_disk_free_limit", on ? "100000GB" : DEFAULT_DISK_FREE_LIMIT);
    }

    @Override
    public boolean restartable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, CTL).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop(Duration timeout) throws Exception {
        installHook();
        ctl(timeout, "stop_app");
    }

    /** Leaves RabbitMQ running and without alarm when the JVM exits, whatever a test did. */
    private void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ensureRunning();
                } catch (Exception e) {
                    System.err.println("could not restart RabbitMQ after the tests: " + e);
                }
            }, "restore-rabbitmq"));
        }
    }

    @Override
    public void start(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ctl(timeout, "start_app");
        while (!answers()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("RabbitMQ did not accept connections within " + timeout);
            }
            Thread.sleep(100); // polling a port: there is nothing to block on
        }
    }

    @Override
    public synchronized void ensureRunning() throws Exception {
        if (!answers() && restartable()) {
            start(CTL_TIMEOUT);
        }
        if (alarmRaised) {
            resourceAlarm(false);
        }
    }

    private static void ctl(Duration timeout, String... command) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(CTL));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", line) + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed with exit status " + process.exitValue());
        }
    }

    @Override
    public String toString() {
        return "RabbitMQ on 127.0.0.1:" + PORT;
    }
}
